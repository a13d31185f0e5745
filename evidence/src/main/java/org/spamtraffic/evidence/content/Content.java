package org.spamtraffic.evidence.content;

import java.util.List;

/**
 * What the content rules look at in one message (mail or SMS). In memory only.
 *
 * @param subject the subject (empty for SMS)
 * @param text the decoded text
 * @param links link targets and URLs in the text
 * @param attachmentNames attachments' file names, lower case (rules match lower-cased values)
 * @param attachmentTypes attachments' MIME types, lower case
 * @param listUnsubscribe whether the message has a List-Unsubscribe header
 * @param passwordForm whether an HTML part has a password field
 */
public record Content(
    String subject,
    String text,
    List<String> links,
    List<String> attachmentNames,
    List<String> attachmentTypes,
    boolean listUnsubscribe,
    boolean passwordForm) {

  /** The content of a text message: its text and the links in it. */
  public static Content ofText(String text, List<String> links) {
    return new Content("", text, links, List.of(), List.of(), false, false);
  }
}
