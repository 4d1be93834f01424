package io.pqcfhe.launcher;

/** Entry point of the runnable jar. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.err.println("pqc-fhe: not assembled yet");
    System.exit(2);
  }
}
