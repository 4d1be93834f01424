package io.pqcfhe.fhe.request;

import java.util.Arrays;

/** {@code parameters.plain}: a number applied to every slot, or a vector (zero-padded to the slot count). */
public sealed interface PlainOperand {

  record Scalar(double value) implements PlainOperand {}

  record Vector(double[] values) implements PlainOperand {
    public Vector {
      values = values.clone();
    }

    @Override
    public double[] values() {
      return values.clone();
    }

    public int size() {
      return values.length;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Vector other && Arrays.equals(values, other.values);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
      return "Vector[" + values.length + " values]";
    }
  }

  static PlainOperand read(Fields parameters) {
    String path = parameters.path("plain");
    Object value = parameters.required("plain");
    if (value instanceof io.vertx.core.json.JsonArray array) {
      return new Vector(Fields.finiteNumbers(path, array, RequestLimits.MAX_SLOTS));
    }
    if (!(value instanceof Number)) {
      throw RequestErrors.wrongType(path, "a number or an array of numbers");
    }
    return new Scalar(Fields.finite(path, value));
  }
}
