package org.spamtraffic.survey.response;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Submissions as the tools' APIs give them in JSON: KoboToolbox's {@code data.json} (a {@code
 * results} list of objects keyed by group path, {@code "group/q": "v"}, repeats as arrays of
 * objects) and ODK Central's OData feed (a {@code value} list, groups as nested objects, repeats as
 * arrays when expanded). A plain list of submissions is read too.
 */
final class JsonSubmissions {
  private static final ObjectMapper JSON = new ObjectMapper();

  private JsonSubmissions() {}

  static ResponseFile read(String file, byte[] bytes, FindingTexts texts) {
    JsonNode root;
    try {
      root = JSON.readTree(bytes);
    } catch (IOException e) {
      return unreadable(file, texts.text("unreadable.json", String.valueOf(e.getMessage())), texts);
    }
    JsonNode list =
        root.isArray() ? root : root.has("results") ? root.get("results") : root.get("value");
    if (list == null || !list.isArray()) {
      return unreadable(file, texts.text("unreadable.json-shape"), texts);
    }
    List<RawSubmission> out = new ArrayList<>();
    int position = 0;
    for (JsonNode s : list) {
      position++;
      if (!s.isObject()) {
        continue;
      }
      Map<String, String> cells = new LinkedHashMap<>();
      List<RawRepeat> repeats = new ArrayList<>();
      flatten(file, "", s, cells, repeats);
      out.add(
          new RawSubmission(
              file,
              null,
              position,
              SourceFormat.JSON_EXPORT,
              cells,
              Map.of(),
              Keys.of(cells),
              repeats));
    }
    return new ResponseFile(file, out, List.of(), List.of());
  }

  private static void flatten(
      String file,
      String prefix,
      JsonNode node,
      Map<String, String> cells,
      List<RawRepeat> repeats) {
    Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> f = fields.next();
      String key = prefix.isEmpty() ? f.getKey() : prefix + "/" + f.getKey();
      JsonNode v = f.getValue();
      if (v.isObject()) {
        flatten(file, key, v, cells, repeats);
      } else if (v.isArray() && v.size() > 0 && v.get(0).isObject()) {
        String table = key.substring(key.lastIndexOf('/') + 1);
        int i = 0;
        for (JsonNode item : v) {
          i++;
          Map<String, String> itemCells = new LinkedHashMap<>();
          List<RawRepeat> nested = new ArrayList<>();
          flatten(file, "", item, itemCells, nested);
          repeats.add(
              new RawRepeat(table, file, null, i, itemCells, null, null, List.copyOf(nested)));
        }
      } else if (v.isArray()) {
        // A list of values (Kobo's attachments, a select as a list): space-separated, as exports.
        List<String> parts = new ArrayList<>();
        v.forEach(x -> parts.add(x.asText()));
        cells.put(key, String.join(" ", parts));
      } else if (!v.isNull()) {
        cells.put(key, v.asText());
      }
    }
  }

  private static ResponseFile unreadable(String file, Object why, FindingTexts texts) {
    return new ResponseFile(
        file,
        List.of(),
        List.of(),
        List.of(
            new Finding(
                null,
                null,
                file,
                null,
                null,
                null,
                null,
                null,
                Finding.Rule.UNREADABLE_FILE,
                Finding.ERROR,
                texts.text("unreadable-file", why))));
  }
}
