package org.spamtraffic.validate;

import java.util.regex.Pattern;
import org.spamtraffic.schema.ReturnFormat;

/**
 * Whose return a file is: the one place that decides it, for {@code validate}, the portal and
 * {@code ingest-returns} alike.
 *
 * <p>The operator comes from the credential the file arrived with, never from the file: the
 * portal's access token, the landing folder the study team placed it in ({@code
 * landing/<operator>/…/<file>}: the first folder below the landing folder names the operator), or
 * {@code validate --operator}. A row that names another operator is then rejected by {@value
 * #SENDER_RULE}, and supersession only ever compares a file with the same operator's other files.
 * Only when no sender is known (plain {@code validate FILE}, a file lying directly in the landing
 * folder) is the file's operator that of its first valid row, and a row of another operator is
 * rejected by {@value #ONE_OPERATOR_RULE}.
 *
 * @param operator the operator the file's rows must name
 * @param fromSender whether that operator is the sender's (token, folder, option) rather than read
 *     from the file's first valid row
 */
public record FileOwner(String operator, boolean fromSender) implements java.io.Serializable {
  /** The rule for a row that names another operator than the file's sender. */
  public static final String SENDER_RULE = "operator_is_sender";

  /** The rule for a row that names another operator than the file's first valid row. */
  public static final String ONE_OPERATOR_RULE = "one_operator_per_file";

  private static final Pattern OPERATOR_ID =
      ReturnFormat.v1().fields().stream()
          .filter(f -> f.name().equals("operator_id"))
          .findFirst()
          .orElseThrow()
          .pattern()
          .orElseThrow();

  /**
   * The owner of a file sent by {@code sender} (null when unknown), whose first valid row names
   * {@code firstRowOperator} (null when it has none).
   */
  public static FileOwner of(String sender, String firstRowOperator) {
    return sender != null ? new FileOwner(sender, true) : new FileOwner(firstRowOperator, false);
  }

  /** Whether {@code id} is a valid operator id (the return format's pattern). */
  public static boolean isOperatorId(String id) {
    return id != null && OPERATOR_ID.matcher(id).matches();
  }

  /** The rule that rejects a row naming another operator than this owner. */
  public String rule() {
    return fromSender ? SENDER_RULE : ONE_OPERATOR_RULE;
  }

  /** The problem of a row whose operator_id is {@code operatorId}, or null when it is the owner. */
  public Problem problemOf(String operatorId) {
    if (operator == null || operator.equals(operatorId)) {
      return null;
    }
    return new Problem("operator_id", rule(), operatorId, operator);
  }

  /**
   * The operator of a file in a landing folder laid out by operator, {@code
   * <landing>/<operator>/…/<file>}: the name of the first folder below {@code landingRoot}, when
   * the file lies in it or deeper and that name is an operator id; otherwise null (no sender
   * known). The first folder, not the one that holds the file, because that is the folder the
   * portal writes and the one an operator's files are kept under: an operator's own sub-folders
   * ({@code KE-KILIMA/2025/q1.csv}) never make "2025" an operator. Both arguments are URIs or paths
   * in the same form (as the file system lists them).
   */
  public static String senderInLanding(String landingRoot, String fileUri) {
    String root = landingRoot.endsWith("/") ? landingRoot : landingRoot + "/";
    if (!fileUri.startsWith(root)) {
      return null;
    }
    String relative = fileUri.substring(root.length());
    int firstSlash = relative.indexOf('/');
    if (firstSlash <= 0) {
      return null;
    }
    String folder = relative.substring(0, firstSlash);
    return isOperatorId(folder) ? folder : null;
  }
}
