/// The page every HTML report sits in: XHTML-compatible (so that tests can parse it as
/// XML), UTF-8, the shared inline style sheet, nothing fetched from anywhere. A Monte Carlo
/// report uses the same page and the same charts as the after-action report.
enum ReportPage {
    /// `body` must be well-formed markup; `title` is escaped here.
    static func document(title: String, body: String) -> String {
        """
        <!DOCTYPE html>
        <html xmlns="http://www.w3.org/1999/xhtml" lang="en"><head><meta charset="utf-8"/>\
        <meta name="viewport" content="width=device-width, initial-scale=1"/>\
        <title>\(HTMLText.escape(title))</title><style>\(ReportStyle.css)</style></head>
        <body>\(body)</body></html>
        """
    }
}
