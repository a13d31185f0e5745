package org.spamtraffic.survey.expr;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.javarosa.core.model.data.DateData;
import org.javarosa.core.model.data.DateTimeData;
import org.javarosa.core.model.data.DecimalData;
import org.javarosa.core.model.data.LongData;
import org.javarosa.core.model.data.StringData;
import org.javarosa.core.model.data.TimeData;
import org.javarosa.core.model.instance.DataInstance;
import org.javarosa.core.model.instance.FormInstance;
import org.javarosa.core.model.instance.TreeElement;

/**
 * The data an expression reads: one submission as an XForms instance tree ({@code /data/group/
 * question}, a repeat as repeated elements), plus secondary instances ({@code instance('list')/
 * root/item}) for choice lists. A thin adapter over JavaRosa's {@code FormInstance}, so that the
 * rest of the project never touches JavaRosa types.
 */
public final class Instance {
  private final FormInstance main;
  private final HashMap<String, DataInstance> secondary = new HashMap<>();
  private final Map<String, Map<String, String>> choiceLabels = new HashMap<>();
  private final Node root;

  /** The secondary instance {@code ${last-saved#name}} reads: empty here, as on a first use. */
  static final String LAST_SAVED = "__last-saved";

  private Instance(String rootName) {
    TreeElement element = new TreeElement(rootName);
    this.main = new FormInstance(element, "main");
    this.root = new Node(element);
    addSecondary(LAST_SAVED, List.of());
  }

  /** An empty instance whose root element is {@code rootName} (XLSForm: {@code data}). */
  public static Instance of(String rootName) {
    return new Instance(rootName);
  }

  /** The root element. */
  public Node root() {
    return root;
  }

  /**
   * Adds a secondary instance {@code instance(id)/root/item}, one item per map (child element name
   * to text), as XLSForm choice lists and external CSV files become.
   */
  public void addSecondary(String id, List<Map<String, String>> items) {
    TreeElement r = new TreeElement("root");
    r.setInstanceName(id);
    for (Map<String, String> item : items) {
      TreeElement e = new TreeElement("item", r.getChildMultiplicity("item"));
      e.setInstanceName(id);
      item.forEach(
          (k, v) -> {
            TreeElement c = new TreeElement(k);
            c.setInstanceName(id);
            if (v != null && !v.isEmpty()) {
              c.setValue(new StringData(v));
            }
            e.addChild(c);
          });
      r.addChild(e);
    }
    secondary.put(id, new FormInstance(r, id));
  }

  /**
   * Declares the labels of the choices of the select at {@code path} ({@code /data/g/q}), for
   * {@code jr:choice-name(value, 'path')}.
   */
  public void addChoiceLabels(String path, Map<String, String> labelByName) {
    choiceLabels.put(path, labelByName);
  }

  FormInstance main() {
    return main;
  }

  HashMap<String, DataInstance> secondary() {
    return secondary;
  }

  String choiceLabel(String path, String value) {
    Map<String, String> labels = choiceLabels.get(path.trim());
    return labels == null ? "" : labels.getOrDefault(value, "");
  }

  /** One element of the instance. */
  public static final class Node {
    private final TreeElement element;

    private Node(TreeElement element) {
      this.element = element;
    }

    /** The child {@code name} (the first one of a repeat), created empty when absent. */
    public Node child(String name) {
      TreeElement c = element.getChild(name, 0);
      if (c == null) {
        c = new TreeElement(name, 0);
        element.addChild(c);
      }
      return new Node(c);
    }

    /** The element this one is in (itself for the root). */
    public Node parent() {
      return element.getParent() == null ? this : new Node((TreeElement) element.getParent());
    }

    /** Appends a new instance of the repeat {@code name} (position count + 1). */
    public Node addRepeat(String name) {
      TreeElement c = new TreeElement(name, element.getChildMultiplicity(name));
      element.addChild(c);
      return new Node(c);
    }

    /** The instances of repeat (or child) {@code name}, in order. */
    public List<Node> children(String name) {
      List<Node> out = new ArrayList<>();
      for (TreeElement c : element.getChildrenWithName(name)) {
        out.add(new Node(c));
      }
      return out;
    }

    /** Sets a text value (also select answers: choice names separated by spaces). */
    public void setText(String value) {
      element.setValue(value == null || value.isEmpty() ? null : new StringData(value));
    }

    /** Sets a whole number. */
    public void setInteger(long value) {
      element.setValue(new LongData(value));
    }

    /** Sets a decimal number. */
    public void setDecimal(double value) {
      element.setValue(new DecimalData(value));
    }

    /** Sets a date (JavaRosa reads dates in the JVM's zone, so midnight there). */
    public void setDate(LocalDate value) {
      element.setValue(
          new DateData(Date.from(value.atStartOfDay(ZoneId.systemDefault()).toInstant())));
    }

    /** Sets a date and time. */
    public void setDateTime(Instant value) {
      element.setValue(new DateTimeData(Date.from(value)));
    }

    /** Sets a time of day. */
    public void setTime(LocalTime value) {
      element.setValue(
          new TimeData(
              Date.from(
                  value
                      .atDate(LocalDate.of(1970, 1, 1))
                      .atZone(ZoneId.systemDefault())
                      .toInstant())));
    }

    /** Clears the value (not answered). */
    public void clear() {
      element.setValue(null);
    }

    /** The value as text, "" when empty. */
    public String text() {
      return element.getValue() == null ? "" : element.getValue().uncast().getString();
    }

    /** Where the element is ({@code /data/g/rep[2]/q}, 1-based positions), for messages. */
    public String path() {
      return element.getRef().toString(true);
    }

    TreeElement element() {
      return element;
    }
  }
}
