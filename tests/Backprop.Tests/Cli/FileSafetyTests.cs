using System.Runtime.Versioning;
using static Backprop.Tests.Cli.CliErrorTests;

namespace Backprop.Tests.Cli;

/// <summary>
/// Issue 13: what --save and --plot write never replaces what the user named with something else: devices stay
/// devices, links stay links, modes and owners stay, a full disk or a long name gets a clear message.
/// </summary>
[SupportedOSPlatform("linux")]
public class FileSafetyTests
{
    [SkippableTheory]
    [InlineData("--save")]
    [InlineData("--plot")]
    public void A_character_device_is_written_into_not_replaced(string option)
    {
        using var folder = new TemporaryFolder();
        var node = folder.File("null");
        Skip.IfNot(Devices.TryMake(node, 'c', 1, 3), "making a device node (mknod) needs root");

        var run = CliRun.Of("--epochs", "1", option, node);

        Assert.Equal(0, run.ExitCode);
        Assert.True(IsCharacterDevice(node), "the device node was replaced");
        Assert.Equal(["null"], Directory.GetFileSystemEntries(folder.Path).Select(Path.GetFileName));
    }

    [SkippableFact]
    public async Task A_fifo_receives_the_model()
    {
        using var folder = new TemporaryFolder();
        var fifo = folder.File("pipe");
        Skip.IfNot(Devices.TryMake(fifo, 'p', 0, 0), "mknod could not make a FIFO here");

        var reader = Task.Run(() => File.ReadAllText(fifo));
        var run = CliRun.Of("--epochs", "1", "--save", fifo);

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("{\"layers\":[3,2,2,1]", await reader, StringComparison.Ordinal);
        Assert.Equal("fifo", Stat("%F", fifo));
        Assert.Equal(["pipe"], Directory.GetFileSystemEntries(folder.Path).Select(Path.GetFileName));
    }

    [SkippableFact]
    public void A_disk_device_is_refused()
    {
        using var folder = new TemporaryFolder();
        var disk = folder.File("disk");
        Skip.IfNot(Devices.TryMake(disk, 'b', 7, 200), "making a device node (mknod) needs root");

        AssertOneLineError(CliRun.Of("--epochs", "1", "--save", disk), 2, "it is a disk device", "name of a file");
    }

    [Fact]
    public void A_symbolic_link_stays_a_link_and_its_target_gets_the_model()
    {
        using var folder = new TemporaryFolder();
        var target = folder.Write("target.json", "old");
        var link = folder.File("link.json");
        File.CreateSymbolicLink(link, target);

        Assert.Equal(0, CliRun.Of("--epochs", "1", "--save", link).ExitCode);

        Assert.NotNull(new FileInfo(link).LinkTarget);
        Assert.StartsWith("{\"layers\"", File.ReadAllText(target), StringComparison.Ordinal);
    }

    [SkippableFact]
    public void A_hard_link_keeps_seeing_the_saved_model()
    {
        using var folder = new TemporaryFolder();
        var model = folder.Write("m.json", "old");
        var other = folder.File("other.json");
        Skip.IfNot(Devices.Run("ln", model, other), "ln could not make a hard link here");

        Assert.Equal(0, CliRun.Of("--epochs", "1", "--save", model).ExitCode);

        Assert.StartsWith("{\"layers\"", File.ReadAllText(other), StringComparison.Ordinal);
        Assert.Equal(File.ReadAllText(model), File.ReadAllText(other));
        Assert.Equal(2, Directory.GetFiles(folder.Path).Length);
    }

    [Fact]
    public void The_old_file_keeps_its_mode_and_owner()
    {
        using var folder = new TemporaryFolder();
        var model = folder.Write("m.json", "old");
        File.SetUnixFileMode(model, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var chowned = Devices.Run("chown", "1234:1234", model);

        Assert.Equal(0, CliRun.Of("--epochs", "1", "--save", model).ExitCode);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(model));
        if (chowned)
        {
            Assert.Equal("1234:1234", Stat("%u:%g", model));
        }
    }

    [Fact]
    public void A_loop_of_symbolic_links_is_refused_and_left_a_loop()
    {
        using var folder = new TemporaryFolder();
        File.CreateSymbolicLink(folder.File("a"), folder.File("b"));
        File.CreateSymbolicLink(folder.File("b"), folder.File("a"));

        AssertOneLineError(CliRun.Of("--epochs", "1", "--save", folder.File("a")), 2, "it is a symbolic link that leads back to itself", "Remove the link");
        Assert.NotNull(new FileInfo(folder.File("a")).LinkTarget);
        AssertOneLineError(CliRun.Of("--data", folder.File("a"), "--target", "y"), 2, "is a symbolic link that leads back to itself", "a CSV file");
        AssertOneLineError(CliRun.Of("--load", folder.File("b")), 2, "is a symbolic link that leads back to itself", "a model .json file");
    }

    [Fact]
    public void A_link_to_nothing_as_data_does_not_exist_and_a_socket_cannot_be_written()
    {
        using var folder = new TemporaryFolder();
        File.CreateSymbolicLink(folder.File("dangling.csv"), folder.File("nothing.csv"));
        using var socket = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.Unix, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Unspecified);
        socket.Bind(new System.Net.Sockets.UnixDomainSocketEndPoint(folder.File("socket")));

        AssertOneLineError(CliRun.Of("--data", folder.File("dangling.csv"), "--target", "y"), 2, "dangling.csv' does not exist", "check the path");
        AssertOneLineError(CliRun.Of("--epochs", "1", "--save", folder.File("socket")), 2, "it is a device, FIFO or socket that refuses to be written", "name of a file");
    }

    [SkippableFact]
    public void Endless_zeros_as_a_model_or_a_data_file_are_refused_early()
    {
        using var folder = new TemporaryFolder();
        var zero = folder.File("zero");
        Skip.IfNot(Devices.TryMake(zero, 'c', 1, 5), "making a device node (mknod) needs root");

        AssertOneLineError(CliRun.Of("--load", zero, "--epochs", "1"), 2, "it is not JSON text at all", "Save the model again");
        AssertOneLineError(CliRun.Of("--data", zero, "--target", "y"), 2, "holds NUL bytes, so it is not UTF-8 text", "Save it as CSV in UTF-8");
    }

    [Fact]
    public void A_read_only_file_is_refused_and_left_alone()
    {
        using var folder = new TemporaryFolder();
        var model = folder.Write("m.json", "old");
        File.SetUnixFileMode(model, UnixFileMode.UserRead | UnixFileMode.GroupRead);

        AssertOneLineError(CliRun.Of("--epochs", "1", "--save", model), 2, "the file is read-only", "chmod u+w");
        Assert.Equal("old", File.ReadAllText(model));
    }

    [Fact]
    public void A_legal_215_character_name_can_be_written()
    {
        using var folder = new TemporaryFolder();
        var model = folder.File(new string('m', 210) + ".json");

        Assert.Equal(0, CliRun.Of("--epochs", "1", "--save", model, "--plot", folder.File(new string('p', 210) + ".html")).ExitCode);

        Assert.True(File.Exists(model));
    }

    [SkippableTheory]
    [InlineData("--save")]
    [InlineData("--plot")]
    public void A_full_disk_says_so_naming_the_users_file_and_keeps_the_old_one(string option)
    {
        using var folder = new TemporaryFolder();
        var disk = Path.Combine(folder.Path, "small");
        Directory.CreateDirectory(disk);
        Skip.IfNot(Devices.TryMountSmallDisk(disk, kilobytes: 64), "mounting a small tmpfs disk needs root");

        try
        {
            var file = Path.Combine(disk, "out");
            File.WriteAllText(file, "old");

            var run = CliRun.Of("--layers", "3,3000,1", "--epochs", "1", option, file);

            AssertOneLineError(run, 2, $"{option}: Cannot write '{file}': the disk is full", "Free some space");
            Assert.DoesNotContain(".tmp", run.Stderr);
            Assert.Equal("old", File.ReadAllText(file));
            Assert.Equal(["out"], Directory.GetFileSystemEntries(disk).Select(Path.GetFileName));
        }
        finally
        {
            Devices.Unmount(disk);
        }
    }

    [SkippableFact]
    public void A_full_device_says_the_disk_is_full()
    {
        using var folder = new TemporaryFolder();
        var full = folder.File("full");
        Skip.IfNot(Devices.TryMake(full, 'c', 1, 7), "making a device node (mknod) needs root");

        AssertOneLineError(CliRun.Of("--epochs", "1", "--save", full), 2, "the disk is full", "Free some space");
    }

    [Theory]
    [InlineData("--save")]
    [InlineData("--plot")]
    public void A_name_longer_than_the_file_system_allows_is_refused_before_training_blaming_the_name(string option)
    {
        using var folder = new TemporaryFolder();
        var name = new string('ü', 137) + ".json"; // 274 + 5 bytes in UTF-8, though only 142 characters

        var run = CliRun.Of(option, folder.File(name));

        AssertOneLineError(run, 2, "the file name is 279 bytes long in UTF-8, and the system allows at most 255", "Choose a shorter name.");
        Assert.DoesNotContain("folder", run.Stderr);
        Assert.Equal(string.Empty, run.Stdout); // refused before the first epoch
        Assert.Empty(Directory.GetFileSystemEntries(folder.Path));
    }

    [Fact]
    public void A_name_of_exactly_255_bytes_is_written()
    {
        using var folder = new TemporaryFolder();
        var name = new string('a', 250) + ".json";

        Assert.Equal(0, CliRun.Of("--epochs", "1", "--save", folder.File(name)).ExitCode);

        Assert.True(File.Exists(folder.File(name)));
    }

    [Fact]
    public void A_path_longer_than_the_system_allows_is_refused_before_training()
    {
        using var folder = new TemporaryFolder();
        var path = Path.Combine(folder.Path, string.Join('/', Enumerable.Repeat("abcdefgh", 460)), "m.json");

        var run = CliRun.Of("--save", path);

        AssertOneLineError(run, 2, "the whole path is", "bytes long in UTF-8, and the system allows at most 4095. Choose a shorter path.");
        Assert.Equal(string.Empty, run.Stdout);
    }

    private static bool IsCharacterDevice(string path) => Stat("%F", path) == "character special file";

    private static string Stat(string format, string path)
    {
        var start = new System.Diagnostics.ProcessStartInfo("stat") { RedirectStandardOutput = true };
        foreach (var arg in new[] { "-c", format, path })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = System.Diagnostics.Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd().Trim();
        process.WaitForExit();
        return output;
    }
}
