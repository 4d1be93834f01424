package io.pqcfhe.fhe.expression;

/** A lexical token: its kind, the text it covers and where it starts (0-based). */
record Token(Kind kind, String text, int position) {

  enum Kind {
    NUMBER,
    IDENTIFIER,
    PLUS,
    MINUS,
    STAR,
    CARET,
    LEFT_PAREN,
    RIGHT_PAREN,
    COMMA,
    END
  }

  boolean is(Kind k) {
    return kind == k;
  }

  /** True for a number written with digits only: the form exponents and rotation steps take. */
  boolean isDigitsOnly() {
    return kind == Kind.NUMBER && text.chars().allMatch(c -> c >= '0' && c <= '9');
  }
}
