package org.spamtraffic.survey.odk;

import java.io.StringWriter;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.spamtraffic.survey.form.ChoiceList;
import org.spamtraffic.survey.form.Form;
import org.spamtraffic.survey.form.Group;
import org.spamtraffic.survey.form.Question;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Writes a form as an ODK XForm the way pyxform does for the features the questionnaire uses
 * (groups, one level of repeat, notes, text, integer, decimal, date, select_one, select_multiple;
 * required, relevant, constraint): every label, hint, choice label, constraint message and required
 * message becomes an {@code itext} text per language ({@code <translation lang="العربية (ar)">}),
 * referred to by {@code jr:itext('…')}, so that JavaRosa can load the form and be asked for each
 * text in each language. pyxform (the converter KoboToolbox and ODK Central run) is a Python
 * package and PyPI is not reachable from the build, hence this stand-in for the test; a text
 * missing in one language is left out of that language's translation, as pyxform leaves it, so
 * JavaRosa finds nothing there.
 */
final class XFormWriter {
  static final String JR = "http://openrosa.org/javarosa";
  private static final String XF = "http://www.w3.org/2002/xforms";
  private static final String H = "http://www.w3.org/1999/xhtml";

  private final Form form;
  private final Document doc;
  private final Map<String, Element> translations = new LinkedHashMap<>();
  private final java.util.Set<String> written = new java.util.HashSet<>();
  private final Element model;
  private final Element body;

  private XFormWriter(Form form) {
    this.form = form;
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setNamespaceAware(true);
      this.doc = f.newDocumentBuilder().newDocument();
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException(e);
    }
    Element html = doc.createElementNS(H, "h:html");
    html.setAttribute("xmlns", XF);
    html.setAttribute("xmlns:jr", JR);
    doc.appendChild(html);
    Element head = doc.createElementNS(H, "h:head");
    html.appendChild(head);
    Element title = doc.createElementNS(H, "h:title");
    title.setTextContent(form.title());
    head.appendChild(title);
    model = doc.createElementNS(XF, "model");
    head.appendChild(model);
    Element itext = doc.createElementNS(XF, "itext");
    model.appendChild(itext);
    for (String language : form.languages()) {
      Element t = doc.createElementNS(XF, "translation");
      t.setAttribute("lang", language);
      if (language.equals(form.defaultLanguage())) {
        t.setAttribute("default", "true()");
      }
      itext.appendChild(t);
      translations.put(language, t);
    }
    body = doc.createElementNS(H, "h:body");
    html.appendChild(body);
  }

  /** The XForm of {@code form}, as XML text. */
  static String write(Form form) {
    XFormWriter w = new XFormWriter(form);
    w.build();
    try {
      StringWriter out = new StringWriter();
      var t = TransformerFactory.newInstance().newTransformer();
      t.setOutputProperty(OutputKeys.INDENT, "yes");
      t.transform(new DOMSource(w.doc), new StreamResult(out));
      return out.toString();
    } catch (TransformerException e) {
      throw new IllegalStateException(e);
    }
  }

  private void build() {
    String root = "/" + form.rootName();
    Element instance = doc.createElementNS(XF, "instance");
    model.appendChild(instance);
    Element data = doc.createElementNS(XF, form.rootName());
    data.setAttribute("id", form.id());
    data.setAttribute("version", form.version());
    instance.appendChild(data);
    Map<String, Element> nodes = new LinkedHashMap<>();
    nodes.put("", data);
    Deque<Group> open = new ArrayDeque<>();
    Deque<Element> controls = new ArrayDeque<>();
    controls.push(body);
    for (Question q : form.questions()) {
      // Close the groups this question is not in, open the ones it enters.
      while (!open.isEmpty() && !q.groups().contains(open.peek())) {
        open.pop();
        controls.pop();
      }
      for (Group g : q.groups()) {
        if (open.contains(g)) {
          continue;
        }
        Element node = doc.createElementNS(XF, g.name());
        if (g.repeat()) {
          node.setAttributeNS(JR, "jr:template", "");
        }
        nodes.get(parentPath(g.path())).appendChild(node);
        nodes.put(g.path(), node);
        String ref = root + "/" + g.path();
        Element bind = bind(ref, null);
        if (g.relevant() != null) {
          bind.setAttribute("relevant", g.relevant().xpath());
        }
        Element group = doc.createElementNS(XF, "group");
        group.setAttribute("ref", ref);
        label(group, ref, "label", g.labels());
        controls.peek().appendChild(group);
        Element inner = group;
        if (g.repeat()) {
          inner = doc.createElementNS(XF, "repeat");
          inner.setAttribute("nodeset", ref);
          group.appendChild(inner);
        }
        open.push(g);
        controls.push(inner);
      }
      String ref = root + "/" + q.path();
      nodes.get(parentPath(q.path())).appendChild(doc.createElementNS(XF, q.name()));
      Element bind = bind(ref, type(q));
      if (q.type() == org.spamtraffic.survey.form.QuestionType.NOTE) {
        bind.setAttribute("readonly", "true()");
      }
      if (q.required() != null) {
        bind.setAttribute("required", q.required().xpath());
        message(bind, ref, "requiredMsg", q.requiredMessages());
      }
      if (q.relevant() != null) {
        bind.setAttribute("relevant", q.relevant().xpath());
      }
      if (q.constraint() != null) {
        bind.setAttribute("constraint", q.constraint().xpath());
        message(bind, ref, "constraintMsg", q.constraintMessages());
      }
      Element control = doc.createElementNS(XF, control(q));
      control.setAttribute("ref", ref);
      label(control, ref, "label", q.labels());
      if (!q.hints().isEmpty()) {
        Element hint = doc.createElementNS(XF, "hint");
        hint.setAttribute("ref", "jr:itext('" + ref + ":hint')");
        texts(ref + ":hint", q.hints());
        control.appendChild(hint);
      }
      ChoiceList list = form.choices(q);
      if (list != null) {
        // As pyxform writes choices: a secondary instance per list, read by an itemset.
        instanceOf(list);
        Element itemset = doc.createElementNS(XF, "itemset");
        itemset.setAttribute("nodeset", "instance('" + list.name() + "')/root/item");
        Element value = doc.createElementNS(XF, "value");
        value.setAttribute("ref", "name");
        itemset.appendChild(value);
        Element label = doc.createElementNS(XF, "label");
        label.setAttribute("ref", "jr:itext(itextId)");
        itemset.appendChild(label);
        control.appendChild(itemset);
      }
      controls.peek().appendChild(control);
    }
    Element meta = doc.createElementNS(XF, "meta");
    meta.appendChild(doc.createElementNS(XF, "instanceID"));
    data.appendChild(meta);
    Element id = bind(root + "/meta/instanceID", "string");
    id.setAttribute("readonly", "true()");
    id.setAttributeNS(JR, "jr:preload", "uid");
  }

  /** The list's secondary instance ({@code <item><itextId>list-0</itextId><name>…}), once. */
  private void instanceOf(ChoiceList list) {
    if (!written.add("instance " + list.name())) {
      return;
    }
    Element instance = doc.createElementNS(XF, "instance");
    instance.setAttribute("id", list.name());
    Element root = doc.createElementNS(XF, "root");
    instance.appendChild(root);
    for (int i = 0; i < list.choices().size(); i++) {
      var c = list.choices().get(i);
      String id = list.name() + "-" + i;
      Element item = doc.createElementNS(XF, "item");
      Element itextId = doc.createElementNS(XF, "itextId");
      itextId.setTextContent(id);
      item.appendChild(itextId);
      Element name = doc.createElementNS(XF, "name");
      name.setTextContent(c.name());
      item.appendChild(name);
      root.appendChild(item);
      texts(id, c.labels());
    }
    // Secondary instances follow the main one, before the binds.
    model.insertBefore(instance, firstBind());
  }

  private org.w3c.dom.Node firstBind() {
    for (org.w3c.dom.Node n = model.getFirstChild(); n != null; n = n.getNextSibling()) {
      if ("bind".equals(n.getLocalName())) {
        return n;
      }
    }
    return null;
  }

  private static String parentPath(String path) {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? "" : path.substring(0, slash);
  }

  private Element bind(String ref, String type) {
    Element bind = doc.createElementNS(XF, "bind");
    bind.setAttribute("nodeset", ref);
    if (type != null) {
      bind.setAttribute("type", type);
    }
    model.appendChild(bind);
    return bind;
  }

  /** A label (or item label) whose text is {@code ref:label}, or the id given when ref is null. */
  private void label(Element parent, String ref, String kind, Map<String, String> texts) {
    String id = ref == null ? kind : ref + ":" + kind;
    Element label = doc.createElementNS(XF, "label");
    label.setAttribute("ref", "jr:itext('" + id + "')");
    parent.appendChild(label);
    texts(id, texts);
  }

  private void message(Element bind, String ref, String attribute, Map<String, String> texts) {
    if (texts.isEmpty()) {
      return;
    }
    String id = ref + ":jr:" + attribute;
    bind.setAttributeNS(JR, "jr:" + attribute, "jr:itext('" + id + "')");
    texts(id, texts);
  }

  private void texts(String id, Map<String, String> byLanguage) {
    if (!written.add(id)) {
      return; // a choice list used by several questions: its texts once
    }
    byLanguage.forEach(
        (language, text) -> {
          Element translation = translations.get(language);
          if (translation == null || text == null || text.isBlank()) {
            return;
          }
          Element t = doc.createElementNS(XF, "text");
          t.setAttribute("id", id);
          Element value = doc.createElementNS(XF, "value");
          value.setTextContent(text);
          t.appendChild(value);
          translation.appendChild(t);
        });
  }

  private static String type(Question q) {
    switch (q.type()) {
      case INTEGER:
        return "int";
      case DECIMAL:
        return "decimal";
      case DATE:
        return "date";
      case SELECT_ONE:
        return "string";
      case SELECT_MULTIPLE:
        return "string";
      case TEXT:
      case NOTE:
        return "string";
      default:
        throw new IllegalArgumentException(
            "XFormWriter does not write " + q.type() + " (question " + q.name() + ")");
    }
  }

  private static String control(Question q) {
    switch (q.type()) {
      case SELECT_ONE:
        return "select1";
      case SELECT_MULTIPLE:
        return "select";
      default:
        return "input";
    }
  }
}
