package io.bnsweep.report.html;

/**
 * A plain table built row by row. Cells given as text are escaped; cells given as HTML are markup
 * the report built itself.
 */
final class HtmlTable {
  private final StringBuilder html = new StringBuilder();

  /** A table of class {@code cls} with these column headings. */
  HtmlTable(String cls, String... headings) {
    html.append("<table class=\"").append(cls).append("\">\n<thead><tr>");
    for (String h : headings) {
      html.append("<th>").append(Html.text(h)).append("</th>");
    }
    html.append("</tr></thead>\n<tbody>\n");
  }

  /** Adds a row of text cells. */
  HtmlTable row(String... texts) {
    String[] cells = new String[texts.length];
    for (int i = 0; i < texts.length; i++) {
      cells[i] = Html.text(texts[i]);
    }
    return rowHtml(null, cells);
  }

  /** Adds a row of class {@code cls} (or none) whose cells are markup. */
  HtmlTable rowHtml(String cls, String... cells) {
    html.append(cls == null ? "<tr>" : "<tr class=\"" + cls + "\">");
    for (String c : cells) {
      html.append("<td>").append(c).append("</td>");
    }
    html.append("</tr>\n");
    return this;
  }

  /** The table's markup. */
  String html() {
    return html + "</tbody>\n</table>\n";
  }
}
