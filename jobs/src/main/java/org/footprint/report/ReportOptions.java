package org.footprint.report;

/**
 * How the HTML report is written.
 *
 * @param pseudonymiseUsers replace user names by a salted hash ({@code report.pseudonymise_users} in conf)
 * @param salt secret salt of that hash ({@code report.salt}); required when pseudonymising, since an unsalted
 *     hash of a user name is reversed by hashing the directory of user names
 * @param generatedAt when the report was made (ISO-8601), printed on every page
 * @param title heading of the pages; {@code null} or blank for the default
 */
public record ReportOptions(boolean pseudonymiseUsers, String salt, String generatedAt, String title) {
  public static final String DEFAULT_TITLE = "GPU energy and carbon footprint";

  public ReportOptions {
    if (pseudonymiseUsers && (salt == null || salt.isBlank())) {
      throw new IllegalArgumentException("report.salt must be set (non-blank) when report.pseudonymise_users is true");
    }
    if (title == null || title.isBlank()) {
      title = DEFAULT_TITLE;
    }
    if (generatedAt == null) {
      generatedAt = "";
    }
  }

  /** Real user names, default title, the given timestamp. */
  public static ReportOptions plain(String generatedAt) {
    return new ReportOptions(false, null, generatedAt, null);
  }
}
