/// The engine's version, shown to Lua as `wg.version`.
public enum Wargame {
    public static let version = "0.1.0"
}
