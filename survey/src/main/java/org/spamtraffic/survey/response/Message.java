package org.spamtraffic.survey.response;

import java.util.ArrayList;
import java.util.List;
import org.spamtraffic.language.Catalogue;
import org.spamtraffic.language.Language;
import org.spamtraffic.survey.form.FormCheck;

/**
 * What a finding says: the key of its text in the findings' catalogue ({@code
 * response-findings*.properties}) and the text's arguments, with the text as rendered in the
 * language the intake ran in. The key and the arguments are stable: {@link #in(Language)} says the
 * same thing in any of the six languages, now or from a stored {@code survey_rejects} row.
 *
 * <p>An argument is a value as read (a cell, a column header, a file name), a nested {@code
 * Message} (a reason given inside another text), a {@link FormCheck.Hint} (why an expression of the
 * form is refused, from the form checks' catalogue), or a text of the form itself (a question's
 * label, its constraint or required message) taken in the intake's language: only that last kind
 * stays in the language the intake ran in when rendered again.
 *
 * @param key the catalogue key, e.g. {@code wrong-type.integer}
 * @param arguments the text's arguments, in order ({@code {0}}, {@code {1}}...)
 * @param text the text in the intake's language
 */
public record Message(String key, List<Object> arguments, String text) {

  /** Copies the arguments: a message does not change once made. */
  public Message {
    arguments = List.copyOf(arguments);
  }

  /**
   * The findings' message {@code key} with {@code args} (values, or nested messages), in {@code
   * language}.
   */
  public static Message of(Language language, String key, Object... args) {
    return of(SubmissionChecker.catalogue(language), key, args);
  }

  /** The message {@code key} with {@code args}, rendered from {@code texts}. */
  static Message of(Catalogue texts, String key, Object... args) {
    List<Object> kept = new ArrayList<>();
    for (Object a : args) {
      kept.add(a == null ? "" : a);
    }
    return new Message(key, kept, texts.text(key, rendered(kept, texts.language())));
  }

  /** The same message in {@code language}. */
  public String in(Language language) {
    return SubmissionChecker.catalogue(language).text(key, rendered(arguments, language));
  }

  /**
   * The arguments as stored in {@code survey_rejects.message_arguments}: nested messages and
   * reasons as text in {@code language}, the message's.
   */
  public List<String> storedArguments(Language language) {
    List<String> out = new ArrayList<>();
    for (Object a : rendered(arguments, language)) {
      out.add(String.valueOf(a));
    }
    return out;
  }

  private static Object[] rendered(List<Object> args, Language language) {
    Object[] out = new Object[args.size()];
    for (int i = 0; i < out.length; i++) {
      Object a = args.get(i);
      out[i] =
          a instanceof Message m
              ? m.in(language)
              : a instanceof FormCheck.Hint h ? h.in(language) : a;
    }
    return out;
  }

  @Override
  public String toString() {
    return text;
  }
}
