package org.spamtraffic.intake.template;

import java.util.List;

/**
 * The template's own words (sheet names, instructions), in English and French. Other languages use
 * the English text and say so; column and code labels come from the schema, not from here.
 */
record TemplateText(
    boolean translated,
    String instructionsSheet,
    String operatorSheet,
    String dataSheet,
    String title,
    String noLabels,
    List<String> steps,
    List<String> columnTableHeader,
    String yes,
    String no,
    String chooseFrom,
    String countryCode,
    String wholeNumber,
    String forExample,
    String operatorIntro,
    List<String> contactItems,
    String notAllowed) {

  /** Said on the instructions sheet when the template's words are not in the chosen language. */
  static final String NOT_TRANSLATED =
      "These instructions are not yet translated into the language you asked for; they are in"
          + " English.";

  private static final TemplateText ENGLISH =
      new TemplateText(
          true,
          "Instructions",
          "Operator",
          "Return",
          "Spam traffic return (ITU, WTSA Resolution 52)",
          "The return format has no column labels in the language you asked for yet: the column"
              + " labels are in English.",
          List.of(
              "1. On the Operator sheet, say who reports (operator, contact person) and for which"
                  + " period.",
              "2. On the Return sheet, write one line per breakdown: spam type, content category"
                  + " and route (source country, source network, entry route, destination country).",
              "3. Repeat the operator ID, reporting country and period on every line, and the"
                  + " service size and total traffic on every line of the same spam type.",
              "4. Choose coded values from the dropdown lists; write counts as whole numbers"
                  + " (digits only). Use 'unknown' for a route you cannot tell; leave no route"
                  + " cell empty.",
              "5. Click a header cell to see what the column holds. The header row is protected:"
                  + " do not rename or move columns (Review > Unprotect sheet, no password, if you"
                  + " must).",
              "6. Save as XLSX and upload it to the portal, or send it to the study team. You get"
                  + " the checks back at once, in a copy of your own workbook."),
          List.of("Column", "Required", "What to write", "What it means", "Example"),
          "yes",
          "no",
          "Choose from:",
          "ISO 3166-1 alpha-3 country code, for example KEN",
          "A whole number, 0 or more, digits only",
          "For example",
          "Who reports, and for which period",
          List.of("Contact person", "E-mail", "Telephone", "Date sent", "Comments"),
          "Value not allowed");

  private static final TemplateText FRENCH =
      new TemplateText(
          true,
          "Instructions",
          "Opérateur",
          "Déclaration",
          "Déclaration du trafic de spam (UIT, Résolution 52 de l'AMNT)",
          "Le format n'a pas encore de libellés de colonnes dans la langue demandée : les"
              + " libellés sont en anglais.",
          List.of(
              "1. Sur la feuille Opérateur, indiquez qui déclare (opérateur, personne à contacter)"
                  + " et pour quelle période.",
              "2. Sur la feuille Déclaration, écrivez une ligne par ventilation : type de spam,"
                  + " catégorie de contenu et route (pays d'origine, réseau d'origine, voie"
                  + " d'entrée, pays de destination).",
              "3. Répétez l'identifiant de l'opérateur, le pays déclarant et la période sur chaque"
                  + " ligne, ainsi que la taille du service et le trafic total sur chaque ligne du"
                  + " même type de spam.",
              "4. Choisissez les valeurs codées dans les listes déroulantes ; écrivez les nombres"
                  + " entiers en chiffres seulement. Écrivez 'unknown' pour une route inconnue ;"
                  + " ne laissez aucune case de route vide.",
              "5. Cliquez sur une cellule d'en-tête pour voir ce que contient la colonne. La ligne"
                  + " d'en-tête est protégée : ne renommez ni ne déplacez les colonnes (Révision >"
                  + " Ôter la protection de la feuille, sans mot de passe, si nécessaire).",
              "6. Enregistrez au format XLSX et déposez le fichier sur le portail, ou envoyez-le à"
                  + " l'équipe de l'étude. Les contrôles vous reviennent aussitôt, dans une copie"
                  + " de votre classeur."),
          List.of("Colonne", "Obligatoire", "Que saisir", "Signification", "Exemple"),
          "oui",
          "non",
          "Choisir parmi :",
          "Code pays ISO 3166-1 alpha-3, par exemple KEN",
          "Un nombre entier, 0 ou plus, en chiffres seulement",
          "Par exemple",
          "Qui déclare, et pour quelle période",
          List.of("Personne à contacter", "Courriel", "Téléphone", "Date d'envoi", "Commentaires"),
          "Valeur non autorisée");

  /** The words for {@code language}: French, or English (marked untranslated if not asked for). */
  static TemplateText of(String language) {
    if ("fr".equals(language)) {
      return FRENCH;
    }
    if ("en".equals(language)) {
      return ENGLISH;
    }
    return new TemplateText(
        false,
        ENGLISH.instructionsSheet,
        ENGLISH.operatorSheet,
        ENGLISH.dataSheet,
        ENGLISH.title,
        ENGLISH.noLabels,
        ENGLISH.steps,
        ENGLISH.columnTableHeader,
        ENGLISH.yes,
        ENGLISH.no,
        ENGLISH.chooseFrom,
        ENGLISH.countryCode,
        ENGLISH.wholeNumber,
        ENGLISH.forExample,
        ENGLISH.operatorIntro,
        ENGLISH.contactItems,
        ENGLISH.notAllowed);
  }
}
