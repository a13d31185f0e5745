package org.spamtraffic.evidence.mail;

import java.time.Instant;
import org.spamtraffic.evidence.Where;

/**
 * One message as the archive holds it: its raw bytes (any charset, exactly as stored) and, when the
 * archive records it, the time it was delivered into the mailbox.
 *
 * @param where where it is
 * @param bytes the message, headers and body; at most the configured size (longer ones are cut)
 * @param length how many bytes of {@code bytes} are the message
 * @param truncated whether the message was longer and was cut at {@code length}
 * @param deliveredAt the mailbox's delivery time (mbox {@code From } line, Maildir file name), or
 *     null when the archive has none
 * @param deliveredBy which of those gave {@code deliveredAt}: a derivation note id, or null
 */
public record RawMessage(
    Where where,
    byte[] bytes,
    int length,
    boolean truncated,
    Instant deliveredAt,
    String deliveredBy) {}
