package org.footprint.report;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * File-name-safe slugs for project pages: lower-case ASCII letters, digits and '-'. A name that is already such a
 * slug keeps it ({@code nlp → nlp}); any other name gets its cleaned form plus 6 hex digits of its SHA-256
 * ({@code "a/b & c" → a-b-c-3f2a1b}), so two names never share a page, on case-insensitive file systems too.
 */
public final class Slugs {
  static final int MAX_BASE = 48;

  private Slugs() {}

  /** Slug of a project; {@code null} (jobs without a project) has its own. */
  public static String of(String project) {
    if (project == null) {
      return "none-" + hash("\u0000null");
    }
    if (project.matches("[a-z0-9]+(-[a-z0-9]+)*") && project.length() <= MAX_BASE) {
      return project;
    }
    String base = project.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
    if (base.length() > MAX_BASE) {
      base = base.substring(0, MAX_BASE).replaceAll("-+$", "");
    }
    return (base.isEmpty() ? "p" : base) + "-" + hash(project);
  }

  /** The project page's file name. */
  public static String pageName(String project) {
    return "project-" + of(project) + ".html";
  }

  private static String hash(String s) {
    try {
      byte[] h = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(h).substring(0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java 17 runtime", e);
    }
  }
}
