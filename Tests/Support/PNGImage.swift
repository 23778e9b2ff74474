import Foundation

/// A PNG read back into pixels, so a test can tell a screenshot that shows something from a
/// blank one. Handles what headless Chromium writes (8-bit RGB or RGBA, not interlaced);
/// inflates with the system's zlib, found at run time (libz.so.1 is on every Debian).
struct PNGImage {
    let width: Int
    let height: Int
    /// Luminance 0...255 of every pixel, row by row.
    let luminance: [Double]

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    init(contentsOf url: URL) throws {
        let data = [UInt8](try Data(contentsOf: url))
        guard data.count > 8, data.prefix(8) == [137, 80, 78, 71, 13, 10, 26, 10] else { throw Failure(description: "not a PNG") }
        var i = 8, w = 0, h = 0, colourType = 0, depth = 0, interlace = 0
        var compressed: [UInt8] = []
        func u32(_ k: Int) -> Int { Int(data[k]) << 24 | Int(data[k + 1]) << 16 | Int(data[k + 2]) << 8 | Int(data[k + 3]) }
        while i + 8 <= data.count {
            let length = u32(i), type = String(decoding: data[i + 4..<i + 8], as: UTF8.self)
            let body = i + 8
            guard body + length + 4 <= data.count else { throw Failure(description: "truncated chunk \(type)") }
            switch type {
            case "IHDR":
                w = u32(body); h = u32(body + 4)
                depth = Int(data[body + 8]); colourType = Int(data[body + 9]); interlace = Int(data[body + 12])
            case "IDAT": compressed += data[body..<body + length]
            default: break
            }
            if type == "IEND" { break }
            i = body + length + 4
        }
        guard depth == 8, interlace == 0, colourType == 2 || colourType == 6 else {
            throw Failure(description: "unsupported PNG: depth \(depth), colour type \(colourType), interlace \(interlace)")
        }
        let channels = colourType == 6 ? 4 : 3, stride = w * channels
        var raw = try Self.inflate(compressed, size: h * (stride + 1))
        var pixels = [UInt8](repeating: 0, count: h * stride)
        for y in 0..<h {
            let filter = raw[y * (stride + 1)], row = y * (stride + 1) + 1
            for x in 0..<stride {
                let a = x >= channels ? Int(pixels[y * stride + x - channels]) : 0
                let b = y > 0 ? Int(pixels[(y - 1) * stride + x]) : 0
                let c = x >= channels && y > 0 ? Int(pixels[(y - 1) * stride + x - channels]) : 0
                let v = Int(raw[row + x])
                let predicted: Int
                switch filter {
                case 0: predicted = 0
                case 1: predicted = a
                case 2: predicted = b
                case 3: predicted = (a + b) / 2
                case 4:
                    let p = a + b - c, pa = abs(p - a), pb = abs(p - b), pc = abs(p - c)
                    predicted = pa <= pb && pa <= pc ? a : (pb <= pc ? b : c)
                default: throw Failure(description: "bad filter \(filter) on row \(y)")
                }
                pixels[y * stride + x] = UInt8((v + predicted) & 0xFF)
            }
        }
        raw = []
        width = w
        height = h
        luminance = (0..<(w * h)).map { p in
            let k = p * channels
            return 0.299 * Double(pixels[k]) + 0.587 * Double(pixels[k + 1]) + 0.114 * Double(pixels[k + 2])
        }
    }

    /// The variance of the luminance: 0 for a blank image.
    var variance: Double {
        let mean = luminance.reduce(0, +) / Double(max(luminance.count, 1))
        return luminance.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(max(luminance.count, 1))
    }

    /// Share of pixels darker than mid-grey (text, lines) in rows `rows`.
    func darkShare(rows: Range<Int>) -> Double {
        let r = rows.clamped(to: 0..<height)
        guard !r.isEmpty else { return 0 }
        let slice = luminance[(r.lowerBound * width)..<(r.upperBound * width)]
        return Double(slice.filter { $0 < 128 }.count) / Double(slice.count)
    }

    private typealias Uncompress = @convention(c) (UnsafeMutablePointer<UInt8>?, UnsafeMutablePointer<UInt>?,
                                                   UnsafePointer<UInt8>?, UInt) -> Int32

    private static func inflate(_ input: [UInt8], size: Int) throws -> [UInt8] {
        guard let lib = dlopen("libz.so.1", RTLD_NOW), let symbol = dlsym(lib, "uncompress") else {
            throw Failure(description: "cannot load zlib (libz.so.1)")
        }
        let uncompress = unsafeBitCast(symbol, to: Uncompress.self)
        var out = [UInt8](repeating: 0, count: size)
        var length = UInt(size)
        let status = out.withUnsafeMutableBufferPointer { o in
            input.withUnsafeBufferPointer { uncompress(o.baseAddress, &length, $0.baseAddress, UInt($0.count)) }
        }
        guard status == 0, Int(length) == size else { throw Failure(description: "zlib: status \(status), \(length) of \(size) bytes") }
        return out
    }
}
