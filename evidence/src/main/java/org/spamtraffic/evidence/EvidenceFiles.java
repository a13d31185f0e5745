package org.spamtraffic.evidence;

import java.util.function.Predicate;

/**
 * Which files of an evidence folder are read, for both engines: all of them, recursively, except
 * hidden files and folders (names starting with a dot) and the {@code tmp/} folder of a Maildir (a
 * folder with {@code cur/} or {@code new/} beside it), which holds messages still being delivered.
 */
public final class EvidenceFiles {
  private EvidenceFiles() {}

  /**
   * Whether the file at {@code relativePath} (below the folder given, {@code /}-separated) is not
   * read; {@code isDirectory} tells whether a relative path is a folder.
   */
  public static boolean skipped(String relativePath, Predicate<String> isDirectory) {
    String[] names = relativePath.split("/");
    StringBuilder parent = new StringBuilder();
    for (int i = 0; i < names.length; i++) {
      String name = names[i];
      if (name.startsWith(".")) {
        return true;
      }
      if (i < names.length - 1
          && name.equals("tmp")
          && (isDirectory.test(parent + "cur") || isDirectory.test(parent + "new"))) {
        return true;
      }
      parent.append(name).append('/');
    }
    return false;
  }
}
