package com.crmbot.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.MongoServerException;
import de.bwaldvogel.mongo.wire.message.MongoQuery;
import io.netty.channel.Channel;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded store with durable acknowledgements.
 * <p>
 * mongo-java-server's own H2 backend lets the MVStore commit about once a second from a
 * background thread: a write that was already answered could be lost on a crash, and a
 * commit could land between a document's insert into the data map and into its unique
 * index maps (after a crash: a document the index does not know). Here the MVStore is
 * opened with auto-commit off and never commits on its own. Every write command runs
 * under a shared lock; a single committer thread takes the exclusive lock (so a commit
 * never cuts a write in half), commits, releases, forces the file to disk and only then
 * lets the waiting writers answer their clients. Writers that arrive while a commit is
 * running share the next one (group commit).
 * <p>
 * Reads register their MVStore version for their duration, so that a commit cannot free
 * the chunks a running scan still reads (the cause of {@code Chunk N not found} after
 * bulk work: the background writer compacted and dropped chunks under a long export
 * scan). No background compaction runs.
 */
public class DurableH2Backend extends H2Backend {

	private static final Logger log = LoggerFactory.getLogger(DurableH2Backend.class);

	/** Commands that change data or indexes (lower case). */
	static final Set<String> WRITES = Set.of("insert", "update", "delete", "findandmodify", "createindexes",
			"dropindexes", "deleteindexes", "drop", "dropdatabase", "create", "renamecollection", "aggregate");

	private final MVStore store;

	private final Path file;

	private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock(true);

	private final Object signal = new Object();

	private final AtomicLong commits = new AtomicLong();

	private final AtomicLong durableWrites = new AtomicLong();

	private final boolean sync;

	private CompletableFuture<Void> next = new CompletableFuture<>();

	private int waiting;

	private volatile boolean running = true;

	private final Thread committer;

	DurableH2Backend(MVStore store, Path file, boolean sync) {
		super(store);
		this.store = store;
		this.file = file;
		this.sync = sync;
		this.committer = new Thread(this::commitLoop, "store-committer");
		this.committer.setDaemon(true);
		this.committer.start();
	}

	/**
	 * Opens the store file with auto-commit off.
	 * @throws StoreLockedException if another process holds the file
	 */
	public static DurableH2Backend open(Path file, boolean sync) {
		return open(file, sync, 0);
	}

	/**
	 * Opens the store file with auto-commit off, first rewriting it compactly when live
	 * data fills less than {@code compactBelowFillRate} percent of it.
	 * @throws StoreLockedException if another process holds the file
	 */
	public static DurableH2Backend open(Path file, boolean sync, int compactBelowFillRate) {
		if (compactBelowFillRate > 0) {
			compactIfSparse(file, compactBelowFillRate);
		}
		MVStore store;
		try {
			store = new MVStore.Builder().fileName(file.toString())
				.autoCommitDisabled()
				.autoCommitBufferSize(0)
				.autoCompactFillRate(0)
				.open();
		}
		catch (MVStoreException ex) {
			if (ex.getErrorCode() == org.h2.mvstore.DataUtils.ERROR_FILE_LOCKED
					|| String.valueOf(ex.getMessage()).contains("locked")) {
				throw new StoreLockedException(file.getParent(), ex);
			}
			throw ex;
		}
		store.setVersionsToKeep(2);
		// chunks are appended, never written into freed gaps: after a kill in the middle
		// of
		// a chunk write, recovery follows the chain of appended chunks to the last
		// complete
		// one (with gaps reused, a torn write rolled the store back to its last header)
		store.setReuseSpace(false);
		return new DurableH2Backend(store, file, sync);
	}

	/**
	 * Chunks are only ever appended (see {@link #open}), so the space of deleted data is
	 * not reused while the store runs. At start, when live data fills less than
	 * {@code threshold} percent of the file, the file is copied compactly into a new
	 * file, forced to disk and moved over the old one atomically: a crash during the copy
	 * leaves the old file untouched.
	 */
	static void compactIfSparse(Path file, int threshold) {
		if (!Files.isRegularFile(file)) {
			return;
		}
		int fill;
		long before;
		try {
			before = Files.size(file);
			if (before < 1 << 20) {
				return; // not worth it below 1 MB
			}
		}
		catch (IOException ex) {
			return;
		}
		MVStore probe;
		try {
			probe = new MVStore.Builder().fileName(file.toString()).readOnly().open();
		}
		catch (MVStoreException ex) {
			if (ex.getErrorCode() == org.h2.mvstore.DataUtils.ERROR_FILE_LOCKED
					|| String.valueOf(ex.getMessage()).contains("locked")) {
				throw new StoreLockedException(file.getParent(), ex);
			}
			throw ex;
		}
		try {
			// blocks in use by chunks × live pages within those chunks
			fill = probe.getFillRate() * probe.getFileStore().getChunksFillRate() / 100;
		}
		finally {
			probe.close();
		}
		if (fill >= threshold) {
			log.info("store: {} is {} % live data ({} bytes): no compaction", file, fill, before);
			return;
		}
		Path tmp = file.resolveSibling(file.getFileName() + ".compact");
		long t0 = System.nanoTime();
		try {
			Files.deleteIfExists(tmp);
			MVStore.compact(file.toString(), tmp.toString(), false, null);
			try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(tmp,
					java.nio.file.StandardOpenOption.WRITE)) {
				ch.force(true);
			}
			Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
			log.info("store: compacted {} ({} % live data) from {} to {} bytes in {} ms", file, fill, before,
					Files.size(file), (System.nanoTime() - t0) / 1_000_000);
		}
		catch (IOException | RuntimeException ex) {
			log.warn("store: compaction of {} failed, the file is used as it is: {}", file, ex.toString());
			try {
				Files.deleteIfExists(tmp);
			}
			catch (IOException ignored) {
				// left for the next start
			}
		}
	}

	/** Size of the store file in bytes (0 in memory). */
	public long fileSize() {
		try {
			return (file != null) ? Files.size(file) : 0;
		}
		catch (IOException ex) {
			return 0;
		}
	}

	/** Percentage of the store file holding live data. */
	public int fillRate() {
		return read(() -> store.getFillRate() * store.getFileStore().getChunksFillRate() / 100);
	}

	public static DurableH2Backend inMemoryStore() {
		MVStore store = new MVStore.Builder().autoCommitDisabled().autoCommitBufferSize(0).open();
		return new DurableH2Backend(store, null, false);
	}

	@Override
	public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
		String c = command.toLowerCase(Locale.ROOT);
		if (!WRITES.contains(c) || ("aggregate".equals(c) && !writesOut(query))) {
			return read(() -> super.handleCommand(channel, databaseName, command, query));
		}
		Document result;
		lock.readLock().lock();
		try {
			result = super.handleCommand(channel, databaseName, command, query);
		}
		finally {
			lock.readLock().unlock();
		}
		if (file != null) {
			awaitDurable();
		}
		return result;
	}

	@Override
	public QueryResult handleQuery(MongoQuery query) {
		return read(() -> super.handleQuery(query));
	}

	@Override
	protected MongoDatabase openOrCreateDatabase(String databaseName) {
		if (lock == null) {
			// called by the superclass constructor (existing databases): nothing runs yet
			return IdFirstH2Database.open(databaseName, getMvStore(), getCursorRegistry());
		}
		lock.readLock().lock();
		try {
			return IdFirstH2Database.open(databaseName, getMvStore(), getCursorRegistry());
		}
		finally {
			lock.readLock().unlock();
		}
	}

	private static boolean writesOut(Document query) {
		Object pipeline = query.get("pipeline");
		if (pipeline instanceof List<?> stages && !stages.isEmpty()
				&& stages.get(stages.size() - 1) instanceof Document last) {
			return last.containsKey("$out") || last.containsKey("$merge");
		}
		return false;
	}

	private <T> T read(java.util.function.Supplier<T> body) {
		MVStore.TxCounter counter = store.registerVersionUsage();
		try {
			return body.get();
		}
		finally {
			store.deregisterVersionUsage(counter);
		}
	}

	/** Blocks until everything written before the call is committed and on disk. */
	public void awaitDurable() {
		CompletableFuture<Void> mine;
		synchronized (signal) {
			mine = next;
			waiting++;
			signal.notifyAll();
		}
		try {
			mine.get(30, TimeUnit.SECONDS);
			durableWrites.incrementAndGet();
		}
		catch (ExecutionException ex) {
			throw new MongoServerException("commit failed: " + ex.getCause(), ex.getCause());
		}
		catch (TimeoutException ex) {
			throw new MongoServerException("commit timed out");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new MongoServerException("interrupted while waiting for the commit");
		}
	}

	private void commitLoop() {
		while (running) {
			CompletableFuture<Void> batch;
			synchronized (signal) {
				while (waiting == 0 && running) {
					try {
						signal.wait(1000);
					}
					catch (InterruptedException ex) {
						return;
					}
				}
				if (!running && waiting == 0) {
					return;
				}
				batch = next;
				next = new CompletableFuture<>();
				waiting = 0;
			}
			try {
				commitNow();
				batch.complete(null);
			}
			catch (RuntimeException ex) {
				log.error("store: commit failed", ex);
				batch.completeExceptionally(ex);
			}
		}
	}

	/** Commits (between whole writes) and forces the file to disk. */
	void commitNow() {
		lock.writeLock().lock();
		try {
			if (store.isClosed()) {
				throw new IllegalStateException("store closed");
			}
			store.commit();
		}
		finally {
			lock.writeLock().unlock();
		}
		if (sync) {
			store.sync();
		}
		commits.incrementAndGet();
	}

	/**
	 * Online backup: commits and copies the store file while no write can run, so the
	 * copy is one consistent committed version.
	 */
	public void backupTo(Path target) {
		if (file == null) {
			throw new IllegalStateException("the in-memory store has no file to back up");
		}
		lock.writeLock().lock();
		try {
			store.commit();
			store.sync();
			Path tmp = target.resolveSibling(target.getFileName() + ".part");
			Files.copy(file, tmp, StandardCopyOption.REPLACE_EXISTING);
			Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("backup to " + target + " failed", ex);
		}
		finally {
			lock.writeLock().unlock();
		}
	}

	/** Number of commits (each shared by all writers waiting for it). */
	public long commits() {
		return commits.get();
	}

	/** Number of write commands answered after their commit. */
	public long durableWrites() {
		return durableWrites.get();
	}

	/** Names of the MVStore maps holding the unique index of a collection. */
	List<String> indexMapNames(String database, String collection) {
		String prefix = database + "." + collection + "._index_";
		List<String> out = new ArrayList<>();
		for (String name : store.getMapNames()) {
			if (name.startsWith(prefix)) {
				out.add(name.substring(prefix.length()));
			}
		}
		return out;
	}

	/** Entries in a unique index map (null if the index has no map). */
	/**
	 * Runs {@code body} while no write runs: writes in progress finish first, new ones
	 * wait (reads go on, so the body may query the store through a client, but must not
	 * write).
	 */
	<T> T withoutWriters(java.util.function.Supplier<T> body) {
		lock.writeLock().lock();
		try {
			return body.get();
		}
		finally {
			lock.writeLock().unlock();
		}
	}

	Long indexSize(String database, String collection, String index) {
		String name = database + "." + collection + "._index_" + index;
		if (!store.hasMap(name)) {
			return null;
		}
		return read(() -> (long) store.openMap(name).sizeAsLong());
	}

	@Override
	public void close() {
		running = false;
		synchronized (signal) {
			signal.notifyAll();
		}
		try {
			committer.join(5000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		lock.writeLock().lock();
		try {
			super.close();
		}
		finally {
			lock.writeLock().unlock();
		}
	}

}
