package org.spamtraffic.survey.form;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The items of an XML file a select reads ({@code select_one_from_file places.xml}): ODK's shape,
 * {@code <root><item><name>…</name><label>…</label>…</item>…</root>}. External entities are off:
 * the file comes from whoever wrote the form.
 */
final class XmlItems {
  private XmlItems() {}

  static List<Choice> read(byte[] bytes, String value, String label, String defaultLanguage) {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      f.setExpandEntityReferences(false);
      DocumentBuilder b = f.newDocumentBuilder();
      Document d = b.parse(new ByteArrayInputStream(bytes));
      NodeList items = d.getElementsByTagName("item");
      List<Choice> out = new ArrayList<>();
      for (int i = 0; i < items.getLength(); i++) {
        Element item = (Element) items.item(i);
        Map<String, String> columns = new LinkedHashMap<>();
        NodeList children = item.getChildNodes();
        for (int j = 0; j < children.getLength(); j++) {
          Node c = children.item(j);
          if (c.getNodeType() == Node.ELEMENT_NODE) {
            columns.put(c.getNodeName(), c.getTextContent().trim());
          }
        }
        String name = columns.getOrDefault(value, "");
        Map<String, String> labels = new LinkedHashMap<>();
        if (columns.containsKey(label)) {
          labels.put(defaultLanguage, columns.get(label));
        }
        out.add(new Choice(name, labels, new Texts(Map.of("label", labels)), columns, i + 2));
      }
      return out;
    } catch (Exception e) {
      throw new IllegalArgumentException("not ODK's root/item XML: " + e.getMessage(), e);
    }
  }
}
