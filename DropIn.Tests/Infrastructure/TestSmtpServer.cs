using System.Net;
using System.Net.Sockets;
using System.Text;

namespace DropIn.Tests.Infrastructure;

/// <summary>
/// A minimal SMTP server on loopback, standing in for the university's mail relay (not ours to run in a test):
/// enough of RFC 5321 for MailKit to deliver to it, keeping what it received.
/// </summary>
public sealed class TestSmtpServer : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly TimeSpan _perMessage;

    /// <param name="perMessage">
    /// How long each message takes to accept, as a slow relay's does: long enough and two senders working through the
    /// same rows overlap, so a message sent twice shows.
    /// </param>
    public TestSmtpServer(int port, TimeSpan perMessage = default)
    {
        _perMessage = perMessage;
        Port = port;
        _listener = new TcpListener(IPAddress.Loopback, port);
        _listener.Start();
        _loop = AcceptAsync();
    }

    public int Port { get; }

    public List<string> Messages { get; } = [];

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        var stream = client.GetStream();
        using var reader = new StreamReader(stream, Encoding.ASCII);
        await using var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
        await writer.WriteLineAsync("220 test ESMTP");
        while (await reader.ReadLineAsync() is { } line)
        {
            var verb = line.Split(' ')[0].ToUpperInvariant();
            switch (verb)
            {
                case "EHLO":
                    await writer.WriteLineAsync("250-test");
                    await writer.WriteLineAsync("250 8BITMIME");
                    break;
                case "DATA":
                    await writer.WriteLineAsync("354 go ahead");
                    var data = new StringBuilder();
                    while (await reader.ReadLineAsync() is { } body && body != ".")
                    {
                        data.AppendLine(body.StartsWith("..", StringComparison.Ordinal) ? body[1..] : body);
                    }

                    await Task.Delay(_perMessage);
                    lock (Messages)
                    {
                        Messages.Add(data.ToString());
                    }

                    await writer.WriteLineAsync("250 queued");
                    break;
                case "QUIT":
                    await writer.WriteLineAsync("221 bye");
                    return;
                default:
                    await writer.WriteLineAsync("250 ok");
                    break;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _loop;
        _stop.Dispose();
    }
}
