package io.bnsweep.report.html;

import java.util.List;
import org.apache.commons.text.StringEscapeUtils;

/**
 * Escaping and the few elements the report repeats. Everything named {@code text} is escaped here;
 * everything named {@code html} is markup the report built itself and is inserted as is.
 */
final class Html {
  private Html() {}

  /** {@code s} with HTML's special characters escaped; the empty string for {@code null}. */
  static String text(String s) {
    return s == null ? "" : StringEscapeUtils.escapeHtml4(s);
  }

  /** {@code <tag class="cls">escaped text</tag>}. */
  static String element(String tag, String cls, String text) {
    return "<"
        + tag
        + (cls == null ? "" : " class=\"" + cls + "\"")
        + ">"
        + text(text)
        + "</"
        + tag
        + ">";
  }

  /** A paragraph of escaped explanatory text (class {@code note}). */
  static String note(String text) {
    return element("p", "note", text);
  }

  /** A bulleted list of escaped items; empty if there are none. */
  static String list(List<String> items) {
    if (items.isEmpty()) {
      return "";
    }
    StringBuilder html = new StringBuilder("<ul class=\"notes\">");
    items.forEach(i -> html.append("<li>").append(text(i)).append("</li>"));
    return html.append("</ul>\n").toString();
  }

  /** A section with an anchor id and a heading. */
  static String sectionStart(String id, String heading) {
    return "<section id=\"" + id + "\">\n<h2>" + text(heading) + "</h2>\n";
  }

  /** Closes {@link #sectionStart}. */
  static String sectionEnd() {
    return "</section>\n";
  }
}
