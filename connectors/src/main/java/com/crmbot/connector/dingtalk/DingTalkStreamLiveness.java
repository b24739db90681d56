package com.crmbot.connector.dingtalk;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.Map;

import com.dingtalk.open.app.api.OpenDingTalkClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Looks at the Stream SDK's (1.3.x) WebSocket sessions, which it does not expose:
 * {@code OpenDingTalkStreamClient.netWorkService.sessionPool.sessions}, each a
 * {@code Session} with {@code isActive()}. Connected when at least one session is active
 * and not going away. Answers null (unknown) when the SDK's insides differ, so that the
 * watchdog falls back to its silence rule.
 */
final class DingTalkStreamLiveness implements DingTalkStreamRunner.Liveness {

	private static final Logger log = LoggerFactory.getLogger(DingTalkStreamLiveness.class);

	private volatile boolean warned;

	@Override
	public Boolean connected(OpenDingTalkClient client) {
		try {
			Object network = field(client, "netWorkService");
			if (network == null) {
				return false; // not started (or stopped)
			}
			Object pool = field(network, "sessionPool");
			Object sessions = (pool != null) ? field(pool, "sessions") : null;
			if (!(sessions instanceof Map<?, ?> map)) {
				return null;
			}
			for (Object session : map.values()) {
				if (call(session, "isActive") && !call(session, "isGoAway")) {
					return true;
				}
			}
			return false;
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			if (!warned) {
				warned = true;
				log.warn("dingtalk stream: cannot inspect the SDK's connection ({}); relying on silence",
						ex.toString());
			}
			return null;
		}
	}

	private static Object field(Object target, String name) throws ReflectiveOperationException {
		for (Class<?> c = target.getClass(); c != null; c = c.getSuperclass()) {
			try {
				Field f = c.getDeclaredField(name);
				f.setAccessible(true);
				return f.get(target);
			}
			catch (NoSuchFieldException ex) {
				// look in the superclass
			}
		}
		throw new NoSuchFieldException(name);
	}

	private static boolean call(Object target, String method) throws ReflectiveOperationException {
		Method m = com.dingtalk.open.app.stream.network.api.Session.class.getMethod(method);
		return (Boolean) m.invoke(target);
	}

}
