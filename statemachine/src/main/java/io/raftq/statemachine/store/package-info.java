/**
 * The small key-value seam between the deterministic logic and storage: {@link io.raftq.statemachine.store.KeyValueReader}
 * for loading, {@link io.raftq.statemachine.store.KvTransaction} for one atomic apply. Only this package imports
 * org.rocksdb.
 */
package io.raftq.statemachine.store;
