import Foundation
import Testing

/// The Slurm recipe of docs/montecarlo.md on a one-node cluster brought up here from
/// Debian's packages (`slurm-wlm`, `munge`, installed by `make deps`): munged, slurmctld and
/// slurmd started by the test in a temporary directory with their own key, configuration,
/// ports and state (no systemd, nothing in /etc), an array job of shards and a merge job
/// that depends on it, and the merged summary compared with the single process's. The
/// daemons are stopped by their process ids whatever happens.
@Suite(.serialized) struct MonteCarloSlurmTests {
    /// Root starts the daemons itself; anyone else needs passwordless sudo.
    static let sudo: [String]? = {
        if getuid() == 0 { return [] }
        let r = try? Programs.run("/bin/sh", ["-c", "sudo -n true"])
        return r?.status == 0 ? ["sudo", "-n"] : nil
    }()

    @Test(.enabled(if: sudo != nil,
                   "cannot start a Slurm cluster: not root and no passwordless sudo (slurmctld, slurmd and munged must run as root)"))
    func arrayJobAndDependentMergeGiveTheSingleProcessSummary() throws {
        let cluster = try SlurmCluster(sudo: Self.sudo ?? [])
        defer { cluster.stop() }
        try cluster.start()

        let dir = cluster.dir
        let common = "--runs 30 --turns 15 --seed 11 --threads 1"
        let repl = Programs.shellQuoted(Programs.repl), scenario = Programs.shellQuoted(Programs.defaultScenario)
        // The recipe of docs/montecarlo.md, with this build's paths.
        try """
            #!/bin/sh
            #SBATCH --array=1-3
            exec \(repl) \(common) --shard "$SLURM_ARRAY_TASK_ID/$SLURM_ARRAY_TASK_COUNT" \\
                --out "\(dir)/shard-$SLURM_ARRAY_TASK_ID.csv" --montecarlo \(scenario) china=true
            """.write(toFile: "\(dir)/shards.sh", atomically: true, encoding: .utf8)
        try """
            #!/bin/sh
            exec \(repl) --merge "\(dir)"/shard-*.csv
            """.write(toFile: "\(dir)/merge.sh", atomically: true, encoding: .utf8)
        let array = try cluster.command(["sbatch", "--parsable", "-o", "\(dir)/shard-%a.log", "\(dir)/shards.sh"])
        let arrayID = array.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(Int(arrayID) != nil, "sbatch: \(array)")
        let merge = try cluster.command(["sbatch", "--parsable", "--dependency=afterok:\(arrayID)", "-o", "\(dir)/merged.txt",
                                         "\(dir)/merge.sh"])
        let mergeID = merge.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(cluster.waitUntilDone(mergeID, seconds: 240), "the merge job did not finish:\n\(cluster.diagnostics)")
        #expect(try cluster.command(["scontrol", "-o", "show", "job", mergeID]).contains("JobState=COMPLETED"),
                "\(cluster.diagnostics)")

        let single = try Programs.repl(common.split(separator: " ").map(String.init)
                                       + ["--montecarlo", Programs.defaultScenario, "china=true"])
        #expect(single.status == 0, "\(single.stderr)")
        let merged = (try? String(contentsOfFile: "\(dir)/merged.txt", encoding: .utf8)) ?? ""
        #expect(merged == single.stdout, "merged:\n\(merged)\n\(cluster.diagnostics)")
        #expect(merged.hasPrefix("30 runs\n"))
    }
}

/// A one-node Slurm cluster in a temporary directory.
final class SlurmCluster {
    let dir: String
    let sudo: [String]
    let host: String
    private var environment: [String: String]

    init(sudo: [String]) throws {
        self.sudo = sudo
        // Short: munge's socket path must fit in sockaddr_un.
        let template = strdup("/tmp/wgslurm.XXXXXX")!
        defer { free(template) }
        guard mkdtemp(template) != nil else { throw SlurmError(message: "mkdtemp failed") }
        dir = String(cString: template)
        var name = [CChar](repeating: 0, count: 256)
        gethostname(&name, name.count)
        host = String(cString: name).split(separator: ".").first.map(String.init) ?? "localhost"
        environment = ["SLURM_CONF": "\(dir)/slurm.conf", "NO_COLOR": "1"]
    }

    struct SlurmError: Error, CustomStringConvertible { let message: String; var description: String { message } }

    /// A port nobody listens on now: bound to 0, read back, closed.
    static func freePort() -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        addr.sin_port = 0
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, len) } }
        _ = withUnsafeMutablePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) } }
        return Int(UInt16(bigEndian: addr.sin_port))
    }

    /// Runs a command (with sudo when needed) in the cluster's environment; its standard
    /// output, or an error with both outputs.
    @discardableResult
    func command(_ argv: [String], asRoot: Bool = false, daemon: Bool = false) throws -> String {
        let full = (asRoot ? sudo : []) + argv
        let envs = environment.map { "\($0.key)=\(Programs.shellQuoted($0.value))" }.sorted().joined(separator: " ")
        let line = (asRoot && !sudo.isEmpty ? "\(sudo.joined(separator: " ")) env \(envs) " : "env \(envs) ")
            + (asRoot && !sudo.isEmpty ? argv : full).map(Programs.shellQuoted).joined(separator: " ")
            // A daemon keeps the descriptors it inherits: not our pipes, or reading them never ends.
            + (daemon ? " </dev/null >>\(Programs.shellQuoted(dir))/daemons.out 2>&1" : "")
        // system(3), not Foundation's Process: Process can miss the exit of a child that has
        // just forked a daemon (seen here, as with tmux's server: it waited forever).
        let out = "\(dir)/command.out"
        let status = system(daemon ? line : "\(line) >\(Programs.shellQuoted(out)) 2>&1 </dev/null")
        let text = daemon ? "" : ((try? String(contentsOfFile: out, encoding: .utf8)) ?? "")
        guard status == 0 else { throw SlurmError(message: "\(argv.joined(separator: " ")): status \(status): \(text)") }
        return text
    }

    func start() throws {
        try FileManager.default.createDirectory(atPath: "\(dir)/state", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: "\(dir)/spool", withIntermediateDirectories: true)
        chmod(dir, 0o755)
        try command(["mungekey", "--create", "--keyfile=\(dir)/munge.key"], asRoot: true)
        try command(["chmod", "400", "\(dir)/munge.key"], asRoot: true)
        try command(["munged", "--force", "--socket=\(dir)/munge.sock", "--key-file=\(dir)/munge.key",
                     "--pid-file=\(dir)/munged.pid", "--log-file=\(dir)/munged.log", "--seed-file=\(dir)/munged.seed"], asRoot: true, daemon: true)
        let cpus = ProcessInfo.processInfo.activeProcessorCount
        try """
            ClusterName=wgtest
            SlurmctldHost=\(host)(127.0.0.1)
            SlurmctldPort=\(Self.freePort())
            SlurmdPort=\(Self.freePort())
            AuthType=auth/munge
            AuthInfo=socket=\(dir)/munge.sock
            CredType=cred/munge
            MpiDefault=none
            ProctrackType=proctrack/linuxproc
            TaskPlugin=task/none
            SwitchType=switch/none
            ReturnToService=2
            SlurmUser=root
            SlurmdUser=root
            SlurmctldPidFile=\(dir)/slurmctld.pid
            SlurmdPidFile=\(dir)/slurmd.pid
            SlurmdSpoolDir=\(dir)/spool
            StateSaveLocation=\(dir)/state
            SchedulerType=sched/builtin
            SelectType=select/cons_tres
            SelectTypeParameters=CR_CPU
            JobCompType=jobcomp/none
            JobAcctGatherType=jobacct_gather/none
            SlurmctldLogFile=\(dir)/slurmctld.log
            SlurmdLogFile=\(dir)/slurmd.log
            NodeName=\(host) NodeAddr=127.0.0.1 CPUs=\(cpus) State=UNKNOWN
            PartitionName=wgtest Nodes=ALL Default=YES MaxTime=INFINITE State=UP

            """.write(toFile: "\(dir)/slurm.conf", atomically: true, encoding: .utf8)
        try command(["slurmctld", "-i", "-f", "\(dir)/slurm.conf"], asRoot: true, daemon: true)
        try command(["slurmd", "-f", "\(dir)/slurm.conf"], asRoot: true, daemon: true)
        // Up when the node is idle (slurmd registered with slurmctld).
        let end = Date().addingTimeInterval(60)
        while Date() < end {
            if let state = try? command(["sinfo", "-h", "-o", "%T"]), state.contains("idle") { return }
            usleep(200_000)
        }
        throw SlurmError(message: "the node did not come up within 60 s:\n\(diagnostics)")
    }

    /// Waits until job `id` (and every task of an array) has left the queue.
    func waitUntilDone(_ id: String, seconds: Double) -> Bool {
        let end = Date().addingTimeInterval(seconds)
        while Date() < end {
            if let q = try? command(["squeue", "-h", "-j", id, "-o", "%T"]), q.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                return true
            }
            usleep(250_000)
        }
        return false
    }

    /// The daemons' logs and the queue, for a failure's message.
    var diagnostics: String {
        let files = ["daemons.out", "slurmctld.log", "slurmd.log", "munged.log", "shard-1.log", "shard-2.log", "shard-3.log"]
        return files.map { f in
            let text = (try? String(contentsOfFile: "\(dir)/\(f)", encoding: .utf8)) ?? "(none)"
            return "== \(f)\n" + text.split(separator: "\n").suffix(15).joined(separator: "\n")
        }.joined(separator: "\n")
    }

    /// Whether `pid` runs: a zombie (ended, not yet reaped by init) does not.
    static func alive(_ pid: Int32) -> Bool {
        guard kill(pid, 0) == 0 else { return false }
        let stat = (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)) ?? ""
        guard let close = stat.lastIndex(of: ")") else { return true }
        return stat[stat.index(after: close)...].trimmingCharacters(in: .whitespaces).first != "Z"
    }

    /// Stops the daemons this cluster started, by the ids in their pid files, waits for
    /// them to go, and removes the directory.
    func stop() {
        _ = try? command(["scancel", "--quiet", "-p", "wgtest"])
        for name in ["slurmd", "slurmctld", "munged"] {
            guard let text = try? String(contentsOfFile: "\(dir)/\(name).pid", encoding: .utf8),
                  let pid = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)), pid > 1 else { continue }
            _ = try? command(["kill", "-TERM", String(pid)], asRoot: true)
            let end = Date().addingTimeInterval(15)
            while Date() < end && Self.alive(pid) { usleep(100_000) }
            if Self.alive(pid) { _ = try? command(["kill", "-KILL", String(pid)], asRoot: true) }
        }
        _ = try? command(["rm", "-rf", dir], asRoot: true)
    }
}
