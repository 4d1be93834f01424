package io.pqcfhe.fhe.expression;

import io.pqcfhe.fhe.expression.Token.Kind;

/**
 * Splits expression text into tokens on demand. Numbers: {@code digits [. digits] [(e|E) [+|-] digits]};
 * identifiers: {@code [A-Za-z_][A-Za-z0-9_]*}; whitespace (space, tab, CR, LF) separates tokens.
 */
final class Lexer {
  private final String text;
  private int cursor;

  Lexer(String text) {
    this.text = text;
  }

  Token next() {
    skipWhitespace();
    int start = cursor;
    if (cursor >= text.length()) {
      return new Token(Kind.END, "", start);
    }
    char c = text.charAt(cursor);
    if (isDigit(c)) {
      return number(start);
    }
    if (isIdentifierStart(c)) {
      cursor++;
      while (cursor < text.length() && isIdentifierPart(text.charAt(cursor))) {
        cursor++;
      }
      return new Token(Kind.IDENTIFIER, text.substring(start, cursor), start);
    }
    Kind kind =
        switch (c) {
          case '+' -> Kind.PLUS;
          case '-' -> Kind.MINUS;
          case '*' -> Kind.STAR;
          case '^' -> Kind.CARET;
          case '(' -> Kind.LEFT_PAREN;
          case ')' -> Kind.RIGHT_PAREN;
          case ',' -> Kind.COMMA;
          default -> throw ExpressionException.invalid("unexpected character " + describe(c), start);
        };
    cursor++;
    return new Token(kind, String.valueOf(c), start);
  }

  private Token number(int start) {
    skipDigits();
    if (peekIs('.')) {
      cursor++;
      requireDigit("a digit after '.'");
      skipDigits();
    }
    if (peekIs('e') || peekIs('E')) {
      cursor++;
      if (peekIs('+') || peekIs('-')) {
        cursor++;
      }
      requireDigit("a digit in the exponent of a number");
      skipDigits();
    }
    return new Token(Kind.NUMBER, text.substring(start, cursor), start);
  }

  private void requireDigit(String what) {
    if (cursor >= text.length() || !isDigit(text.charAt(cursor))) {
      throw ExpressionException.expected(what, cursor);
    }
  }

  private void skipDigits() {
    while (cursor < text.length() && isDigit(text.charAt(cursor))) {
      cursor++;
    }
  }

  private boolean peekIs(char c) {
    return cursor < text.length() && text.charAt(cursor) == c;
  }

  private void skipWhitespace() {
    while (cursor < text.length()) {
      char c = text.charAt(cursor);
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
        return;
      }
      cursor++;
    }
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  static boolean isIdentifierStart(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
  }

  static boolean isIdentifierPart(char c) {
    return isIdentifierStart(c) || isDigit(c);
  }

  /** Printable ASCII is shown as itself, anything else by its code point (never raw control bytes). */
  private static String describe(char c) {
    return c > 0x20 && c < 0x7f ? "'" + c + "'" : String.format("U+%04X", (int) c);
  }
}
