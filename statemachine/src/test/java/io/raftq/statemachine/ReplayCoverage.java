package io.raftq.statemachine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The paths a replay test's log took through a state machine (each command type, and each way a type can be
 * applied), so that a replay test whose log stopped reaching one, or never reached a new command type, fails
 * instead of passing on a log that proves less than it claims.
 */
public final class ReplayCoverage {
  private final Map<String, Integer> reached = new TreeMap<>();

  public void reached(String path) {
    reached.merge(path, 1, Integer::sum);
  }

  /** Fails naming every path of {@code required} that was not reached. */
  public void assertReached(Collection<String> required, String what) {
    List<String> missing = new ArrayList<>(required);
    missing.removeAll(reached.keySet());
    assertThat(missing).as(what + " never reached these paths (reached: " + reached + ")").isEmpty();
  }

  /**
   * The simple names of the types that may implement {@code sealedType}: a replay test requires each of them, so
   * a command type added to the sealed interface fails the test until its log generates it.
   */
  public static List<String> permittedTypeNames(Class<?> sealedType) {
    Class<?>[] permitted = sealedType.getPermittedSubclasses();
    assertThat(permitted).as(sealedType + " is sealed").isNotNull();
    return Arrays.stream(permitted).map(Class::getSimpleName).toList();
  }
}
