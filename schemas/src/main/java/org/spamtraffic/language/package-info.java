/**
 * The six official languages of ITU (Arabic, Chinese, English, French, Russian, Spanish) as the
 * project writes them: {@link org.spamtraffic.language.Language} (which one, and how a person asks
 * for it), {@link org.spamtraffic.language.Catalogue} (the words of one surface in one language,
 * from resource bundles whose English file is the source) and {@link
 * org.spamtraffic.language.LocalFormats} (numbers, percentages and quarters as each language writes
 * them, from CLDR through ICU4J).
 */
package org.spamtraffic.language;
