package io.pqcfhe.crypto;

/** Which of the channel's two keys a message travels under (PROTOCOL §4: one key per direction). */
public enum ChannelDirection {
  /** The channel key: messages from the client ({@code secure.send}). */
  CLIENT_TO_SERVER,
  /** The server key: messages from the server ({@code secure.message}). */
  SERVER_TO_CLIENT
}
