package io.raftq.statemachine.ratis;

import org.apache.ratis.protocol.exceptions.StateMachineException;

/** The leader refused a command body before it entered the log; nothing was written. */
public final class InvalidRequestException extends StateMachineException {
  public InvalidRequestException(String message) {
    super(message);
  }
}
