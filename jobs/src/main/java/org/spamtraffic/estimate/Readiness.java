package org.spamtraffic.estimate;

/**
 * The questionnaire's readiness questions that, answered "no", trigger an institutional component
 * of the investment (WSIS pillars: legislation, enforcement, contact points, incident response,
 * awareness, capacity building).
 */
public enum Readiness {
  ANTISPAM_LAW("has_antispam_law", "anti_spam_law"),
  ENFORCEMENT_AUTHORITY("has_enforcement_authority", "enforcement_authority"),
  NATIONAL_CONTACT_POINT("has_national_contact_point", "national_contact_point"),
  INCIDENT_RESPONSE("has_incident_response", "incident_response"),
  AWARENESS_PROGRAMME("has_awareness_programme", "awareness_programme"),
  TRAINING_PROGRAMME("has_training_programme", "training_programme");

  private final String column;
  private final String component;

  Readiness(String column, String component) {
    this.column = column;
    this.component = component;
  }

  /** The {@code country_profile} column holding the answer (true, false or null). */
  public String column() {
    return column;
  }

  /** The investment component the answer "no" triggers. */
  public String component() {
    return component;
  }
}
