using System.Net;
using System.Net.Sockets;

namespace DropIn.Tests.Infrastructure;

/// <summary>
/// A loopback TCP link to a real server (PostgreSQL here) that a test can cut as a crash would: every connection through
/// it is reset at once and new ones are refused. An app server whose database connections go through it is, seen from
/// the database and from the other servers, gone the moment it is cut, as after kill -9 of its process: its
/// transactions roll back, its locks go, and it never checks in again.
/// </summary>
public sealed class CuttableLink : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _cut = new();
    private readonly List<Socket> _open = [];
    private readonly string _host;
    private readonly int _port;
    private readonly Task _accepting;

    public CuttableLink(string host, int port)
    {
        (_host, _port) = (host, port);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _accepting = AcceptAsync();
    }

    /// <summary>The loopback port to connect to instead of the server's.</summary>
    public int Port { get; }

    /// <summary>Resets every connection through the link and refuses new ones, for good.</summary>
    public void Cut()
    {
        _cut.Cancel();
        _listener.Stop();
        lock (_open)
        {
            foreach (var socket in _open)
            {
                // Linger 0: a reset, not a polite close, as a killed process's sockets get.
                try
                {
                    socket.LingerState = new LingerOption(true, 0);
                }
                catch (SocketException)
                {
                    // Not connected yet: closing it is enough.
                }

                socket.Close();
            }

            _open.Clear();
        }
    }

    private async Task AcceptAsync()
    {
        while (!_cut.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptSocketAsync(_cut.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = RelayAsync(client);
        }
    }

    private async Task RelayAsync(Socket client)
    {
        var server = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        lock (_open)
        {
            if (_cut.IsCancellationRequested)
            {
                client.Close(0);
                server.Dispose();
                return;
            }

            _open.Add(client);
            _open.Add(server);
        }

        try
        {
            await server.ConnectAsync(_host, _port, _cut.Token);
            await Task.WhenAny(PumpAsync(client, server), PumpAsync(server, client));
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Cut, or one end went away: the other end is closed below.
        }
        finally
        {
            lock (_open)
            {
                _open.Remove(client);
                _open.Remove(server);
            }

            client.Dispose();
            server.Dispose();
        }
    }

    private async Task PumpAsync(Socket from, Socket to)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await from.ReceiveAsync(buffer, SocketFlags.None, _cut.Token)) > 0)
            {
                await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None, _cut.Token);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Cut, or one end went away.
        }
    }

    public async ValueTask DisposeAsync()
    {
        Cut();
        await _accepting;
        _cut.Dispose();
    }
}
