/// Stack slots of the strings a side's policy view repeats every turn of a Monte Carlo run:
/// its policy's key, the side's name and leader, and the ladder's rung names (rung r at
/// `rungNames + r`). Made once per run by `StepRunner.hooks(_:policies:_:)`.
struct ViewStrings {
    /// The policy's key in the policies table.
    let key: Int32
    let side: Int32
    let leader: Int32
    let rungNames: Int32
    let rungCount: Int
}
