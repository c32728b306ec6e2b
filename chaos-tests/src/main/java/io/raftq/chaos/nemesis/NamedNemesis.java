package io.raftq.chaos.nemesis;

/** A nemesis with a fixed name and kind; subclasses say what to inject and how to heal. */
abstract class NamedNemesis implements Nemesis {
  private final String name;
  private final String kind;

  NamedNemesis(String name, String kind) {
    this.name = name;
    this.kind = kind;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String kind() {
    return kind;
  }
}
