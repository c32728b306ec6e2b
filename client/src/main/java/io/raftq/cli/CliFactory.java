package io.raftq.cli;

import java.lang.reflect.Constructor;
import picocli.CommandLine;

/**
 * Picocli factory that hands the {@link CliEnvironment} to every command class with a
 * {@code (CliEnvironment)} constructor; everything else (converters, mixins) is built by picocli's default.
 */
final class CliFactory implements CommandLine.IFactory {
  private final CliEnvironment environment;

  CliFactory(CliEnvironment environment) {
    this.environment = environment;
  }

  @Override
  public <K> K create(Class<K> cls) throws Exception {
    Constructor<K> withEnvironment;
    try {
      withEnvironment = cls.getDeclaredConstructor(CliEnvironment.class);
    } catch (NoSuchMethodException e) {
      return CommandLine.defaultFactory().create(cls);
    }
    withEnvironment.setAccessible(true);
    return withEnvironment.newInstance(environment);
  }
}
