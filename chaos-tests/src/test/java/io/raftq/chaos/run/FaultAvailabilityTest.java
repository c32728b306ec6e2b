package io.raftq.chaos.run;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FaultAvailabilityTest {
  @Test
  void aScenarioThatCannotInjectItsFaultsFailsUnlessSkippingIsAllowed() {
    assertThat(FaultAvailability.decide(true, false, null)).isEqualTo(FaultAvailability.FAIL);
    assertThat(FaultAvailability.decide(true, false, "0")).isEqualTo(FaultAvailability.FAIL);
    assertThat(FaultAvailability.decide(true, false, "yes")).isEqualTo(FaultAvailability.FAIL);
    assertThat(FaultAvailability.decide(true, false, "1")).isEqualTo(FaultAvailability.SKIP);
  }

  @Test
  void aScenarioThatCanInjectItsFaultsRunsWhateverTheVariableSays() {
    assertThat(FaultAvailability.decide(true, true, null)).isEqualTo(FaultAvailability.RUN);
    assertThat(FaultAvailability.decide(true, true, "1")).isEqualTo(FaultAvailability.RUN);
    assertThat(FaultAvailability.decide(false, false, null)).isEqualTo(FaultAvailability.RUN);
  }
}
