package org.spamtraffic.generate;

import java.util.Map;

/**
 * A synthetic operator: who it is, where, and the size of each service it runs.
 *
 * @param id operator id
 * @param name operator name (fictional)
 * @param country ISO alpha-3 code
 * @param services subscribers (or mailboxes for email) per spam type in the first period generated
 *     (they grow from there)
 */
public record Operator(String id, String name, String country, Map<String, Long> services) {}
