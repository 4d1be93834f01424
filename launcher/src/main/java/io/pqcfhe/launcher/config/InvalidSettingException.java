package io.pqcfhe.launcher.config;

/**
 * A setting that stops the start. Its message is the one line the operator sees, naming the setting:
 * {@code invalid setting tls.certificate: file not found: /x.pem}.
 */
public final class InvalidSettingException extends RuntimeException {
  private final String settingName;

  public InvalidSettingException(String settingName, String reason) {
    super("invalid setting " + settingName + ": " + reason, null, false, false);
    this.settingName = settingName;
  }

  public InvalidSettingException(Setting setting, String reason) {
    this(setting.key(), reason);
  }

  public String settingName() {
    return settingName;
  }
}
