/** The public Java client library: {@link io.raftq.client.RaftqClient} and its producer, consumer and admin APIs. */
package io.raftq.client;
