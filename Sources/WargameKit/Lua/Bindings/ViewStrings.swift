/// Stack slots of the strings a side's policy view repeats every turn of a Monte Carlo run:
/// its policy's key, the side's name and leader, and the ladder's rung names (rung r at
/// `rungNames + r`). Made once per run by `StepRunner.hooks(_:policies:_:)`.
struct ViewStrings {
    var side: Int32
    var leader: Int32
    var rungNames: Int32
    var rungCount: Int
    /// The policy's key in the policies table.
    var key: Int32 = 0
}
