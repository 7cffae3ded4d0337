using Tracentic.Engine;
using Tracentic.Export;
using Tracentic.Core;

namespace Tracentic.Tests;

/// <summary>An output's bookkeeping in the queue when batches overlap: order kept, capacity for waiting spans only, settling out of order.</summary>
public class SpanQueueTests
{
    private static readonly RecordedSpan[] Spans = [.. Enumerable.Range(0, 32).Select(i => new RecordedSpan { Call = new RecordedCall { StartUnixNanos = i } })];

    private static (List<QueuedSpan> Queued, List<RecordedSpan> Batch, List<long> Sequence) Take(OutputProgress queue, int max)
    {
        var queued = new List<QueuedSpan>();
        queue.Take(max, queued);
        return (queued, [.. queued.Select(span => span.Span)], [.. queued.Select(span => span.Sequence)]);
    }

    [Fact]
    public void Batches_that_come_back_in_any_order_wait_in_sequence_order()
    {
        var ring = new SpanQueue(capacity: 8);
        var queue = new OutputProgress(ring);
        for (var i = 0; i < 10; i++)
        {
            ring.Add(Spans[i]); // 8 and 9 push out 0 and 1
        }

        var a = Take(queue, 3); // 2, 3, 4
        var b = Take(queue, 3); // 5, 6, 7
        Assert.Equal([2, 3, 4, 5, 6, 7], a.Sequence.Concat(b.Sequence));
        Assert.Equal(2, queue.WaitingCount);
        Assert.Equal(2, queue.Settled);

        Assert.Equal(0, queue.Release(b.Queued)); // the later batch fails first
        Assert.Equal(0, queue.Settle(a.Queued, count: 1)); // the earlier one delivers only its first span
        Assert.Equal(3, queue.Settled);

        var again = Take(queue, 16);
        Assert.Equal([3, 4, 5, 6, 7, 8, 9], again.Sequence);
        Assert.Equal(again.Sequence, again.Batch.Select(s => s.StartUnixNanos));
        Assert.Equal(2, queue.Dropped);
    }

    [Fact]
    public void Spans_in_flight_do_not_count_against_the_capacity_but_a_failed_batch_returning_to_a_full_queue_gives_way()
    {
        var ring = new SpanQueue(capacity: 4);
        var queue = new OutputProgress(ring);
        for (var i = 0; i < 4; i++)
        {
            ring.Add(Spans[i]);
        }

        var inFlight = Take(queue, 4);
        ring.SlowestCursorIs(queue.Cursor);
        for (var i = 4; i < 8; i++)
        {
            Assert.False(ring.Add(Spans[i]).DroppedOldest);
        }

        Assert.Equal(8, queue.Count);
        Assert.Equal(4, queue.Release(inFlight.Queued)); // 0-3 are the oldest: they go
        Assert.Equal([4, 5, 6, 7], Take(queue, 8).Sequence);
        Assert.Equal(4, queue.Dropped);
    }

    [Fact]
    public void Settled_is_the_oldest_span_still_waiting_or_in_flight()
    {
        var ring = new SpanQueue(capacity: 8);
        var queue = new OutputProgress(ring);
        Assert.Equal(0, queue.Settled);
        for (var i = 0; i < 6; i++)
        {
            ring.Add(Spans[i]);
        }

        var a = Take(queue, 2);
        var b = Take(queue, 2);
        queue.Settle(b.Queued, 2);
        Assert.Equal(0, queue.Settled); // 0 and 1 still out
        queue.Settle(a.Queued, 2);
        Assert.Equal(4, queue.Settled);
        var c = Take(queue, 8);
        queue.Settle(c.Queued, 2);
        Assert.Equal(6, queue.Settled);
    }

    [Fact]
    public void The_queue_lets_go_of_spans_every_output_has_taken_and_keeps_the_rest()
    {
        var ring = new SpanQueue(capacity: 8);
        for (var i = 0; i < 3; i++)
        {
            ring.Add(Spans[i]);
        }

        ring.ForgetBefore(2);

        Assert.NotEqual(SlotRead.Ready, ring.TryRead(0, out _));
        Assert.NotEqual(SlotRead.Ready, ring.TryRead(1, out _));
        Assert.Equal(SlotRead.Ready, ring.TryRead(2, out var kept));
        Assert.Equal(Spans[2].StartUnixNanos, kept.StartUnixNanos);
    }

    [Fact]
    public void A_span_pushed_out_by_the_ring_coming_round_reads_as_overwritten()
    {
        var ring = new SpanQueue(capacity: 4);
        for (var i = 0; i < 6; i++)
        {
            ring.Add(Spans[i]);
        }

        Assert.Equal(SlotRead.Overwritten, ring.TryRead(1, out _));
        Assert.Equal(SlotRead.Ready, ring.TryRead(5, out var newest));
        Assert.Equal(Spans[5].StartUnixNanos, newest.StartUnixNanos);
        Assert.Equal(SlotRead.NotYet, ring.TryRead(6, out _));
    }

    [Fact]
    public void A_reader_racing_writers_round_a_small_ring_never_takes_a_half_written_span()
    {
        // Every span written is consistent (its end, start and model tell its sequence); a torn copy would mix two.
        var ring = new SpanQueue(capacity: 8);
        const int PerWriter = 200_000;
        var models = Enumerable.Range(0, 64).Select(i => $"model-{i}").ToArray();
        var writers = Enumerable.Range(0, 2).Select(_ => new Thread(() =>
        {
            for (var i = 0; i < PerWriter; i++)
            {
                var value = i % models.Length;
                ring.Add(new RecordedSpan { Call = new RecordedCall { StartUnixNanos = value, EndUnixNanos = value, Model = models[value] }, ParentSpanId = (ulong)value });
            }
        })).ToList();
        writers.ForEach(writer => writer.Start());

        long ready = 0, torn = 0, sequence = 0;
        void ReadAndCheck(long at)
        {
            if (ring.TryRead(at, out var span) == SlotRead.Ready)
            {
                ready++;
                var value = span.StartUnixNanos;
                if (span.EndUnixNanos != value || span.ParentSpanId != (ulong)value || span.Call.Model != models[value])
                {
                    torn++;
                }
            }
        }

        while (writers.Exists(writer => writer.IsAlive))
        {
            // Stay within the ring's last lap: reading ahead of the writers would only ever find slots not written yet.
            var added = ring.Added;
            if (added == 0)
            {
                Thread.Yield();
                continue;
            }

            sequence = Math.Clamp(sequence, Math.Max(0, added - 8), added - 1);
            ReadAndCheck(sequence++);
        }

        writers.ForEach(writer => writer.Join());
        var racedReady = ready;
        for (var at = ring.Added - 8; at < ring.Added; at++)
        {
            ReadAndCheck(at); // the last lap, once the writers are done: every slot holds its newest span
        }

        Assert.Equal(0, torn);
        Assert.Equal(racedReady + 8, ready);
        Assert.Equal(2 * PerWriter, ring.Added);
    }
}
