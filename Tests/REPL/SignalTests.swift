import Foundation
import Testing

/// SIGINT (what Ctrl-C sends) to wargame-repl running a chunk, as lua(1) handles it: the
/// first asks Lua to stop and restores the default action, so that a second ends the
/// process. Each signal is sent once the script has said it is running (a marker on
/// standard error), never after a fixed delay.
@Suite struct SignalTests {
    /// A loop in a finalizer cannot be interrupted (Lua runs finalizers with hooks off): the
    /// first SIGINT leaves it running but takes the handler away, and the second ends the
    /// process, killed by SIGINT as lua(1) is.
    @Test func secondInterruptEndsTheProcess() throws {
        let chunk = "setmetatable({}, {__gc = function() io.stderr:write('in finalizer\\n') while true do end end}) collectgarbage()"
        let p = try BackgroundProcess(["-e", chunk])
        let pid = p.process.processIdentifier
        #expect(p.waitForStderr("in finalizer", seconds: 30), "\(p.stderr)")
        #expect(ProcSignals.has(SIGINT, "SigCgt", pid: pid))  // the handler, while the chunk runs
        kill(pid, SIGINT)
        // The handler ran: SIGINT has no handler any more, and the loop goes on.
        #expect(ProcSignals.waitUntil(seconds: 10) { !ProcSignals.has(SIGINT, "SigCgt", pid: pid) })
        #expect(p.process.isRunning)
        kill(pid, SIGINT)
        #expect(p.exitStatus(seconds: 10) == SIGINT)
        #expect(p.process.terminationReason == .uncaughtSignal)
    }

    /// `while true do pcall(function() while true do end end) end`: in lua(1) pcall swallows
    /// the first "interrupted!" and the loop goes on until a second SIGINT kills the process.
    /// Here an interrupt, once raised, is raised again at every instruction of the chunk
    /// (shim.h's hook), so the first SIGINT ends the chunk with the error and status 1.
    @Test func interruptCaughtByPcallStillEndsTheChunk() throws {
        let chunk = "io.stderr:write('looping\\n') while true do pcall(function() while true do end end) end"
        let p = try BackgroundProcess(["-e", chunk])
        #expect(p.waitForStderr("looping", seconds: 30), "\(p.stderr)")
        kill(p.process.processIdentifier, SIGINT)
        #expect(p.exitStatus(seconds: 10) == 1, "\(p.stderr)")
        #expect(p.process.terminationReason == .exit)
        #expect(p.stderr.contains("\nwargame-repl: interrupted!\n"), "\(p.stderr)")
    }

    /// A loop in a coroutine that a policy starts during `s:step()`: the interrupt follows
    /// the running thread through Swift (the step) and back into Lua.
    @Test func interruptReachesACoroutineInAPolicy() throws {
        let chunk = """
            local s = wg.scenario{ name = "loop", seed = 1 }
            s:side("West", {"USA"})
            s:side("East", {"RUS"})
            s:policy("East", function(view)
                return coroutine.wrap(function() io.stderr:write('looping\\n') while true do end end)()
            end)
            s:step()
            """
        let p = try BackgroundProcess(["-e", chunk])
        #expect(p.waitForStderr("looping", seconds: 30), "\(p.stderr)")
        kill(p.process.processIdentifier, SIGINT)
        #expect(p.exitStatus(seconds: 10) == 1, "\(p.stderr)")
        #expect(p.stderr.contains("wargame-repl: interrupted!"), "\(p.stderr)")
    }
}
