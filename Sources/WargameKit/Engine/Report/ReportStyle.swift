/// The reports' style sheet, inline so that a report needs nothing from the network: the
/// system's sans-serif fonts, a page that fits 1280 px and reads at 1920, tables that wrap
/// long names rather than widen the page, and a print layout (no shading lost, charts not
/// split across pages). No `>` or `&` in it: the report stays well-formed XML.
enum ReportStyle {
    static let css = """
        :root{color-scheme:light}
        body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;color:#1b1b1b;background:#fff;
        max-width:1180px;margin:0 auto;padding:16px 28px 48px;font-size:16px;line-height:1.45}
        h1{font-size:28px;margin:12px 0 4px}h2{font-size:22px;margin:32px 0 8px;border-bottom:2px solid #ccc;padding-bottom:4px}
        h3{font-size:18px;margin:20px 0 6px}h4{font-size:16px;margin:14px 0 4px}
        p.lead{font-size:18px;margin:4px 0 12px}p.note{color:#555;font-style:italic}
        figure.chart{margin:18px 0 26px;break-inside:avoid;page-break-inside:avoid}
        figcaption{font-weight:bold;font-size:17px;margin-bottom:4px}
        figure.chart svg{display:block;max-width:100%;height:auto}
        .legend{font-size:14px;margin:2px 0 6px;display:flex;flex-wrap:wrap;gap:4px 18px}
        .legend .key{display:inline-flex;align-items:center;gap:6px;min-width:0;overflow-wrap:anywhere}
        .legend .key svg{flex:none}
        table{border-collapse:collapse;width:100%;margin:6px 0 12px;font-size:14px}
        th,td{border-bottom:1px solid #ddd;padding:4px 8px;text-align:left;vertical-align:top}td{overflow-wrap:anywhere;min-width:4em}th{overflow-wrap:break-word}
        thead th{background:#f0f0f0;border-bottom:2px solid #bbb}
        table.kv th{width:16em;background:#fafafa}
        tr.turn-start td{border-top:2px solid #bbb}
        tr.reseed td{background:#eee;font-style:italic}
        tr.ev-alliance td{color:#1f5fa8}tr.ev-nuclear td{color:#b00020;font-weight:bold}tr.ev-end td{font-weight:bold}
        .dim{color:#666}
        details{margin:8px 0 12px}summary{cursor:pointer;font-weight:bold}
        footer{margin-top:36px;font-size:13px;color:#555;border-top:1px solid #ccc}
        @media print{
        body{max-width:none;padding:0;font-size:11pt}
        h2{break-after:avoid;page-break-after:avoid}
        table{font-size:9pt}tr{break-inside:avoid;page-break-inside:avoid}
        details::details-content{content-visibility:visible;display:block}
        *{-webkit-print-color-adjust:exact;print-color-adjust:exact}
        }
        """
}
