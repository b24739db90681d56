package com.crmbot.connector.wecom;

import com.crmbot.testsupport.PlatformStub;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

/** One in-process MongoDB-compatible store and one qyapi stub for all WeCom tests. */
final class TestEnv {

	static final MongoServer MONGO;

	static final String MONGO_URI;

	static final PlatformStub QYAPI = new PlatformStub();

	static {
		MONGO = new MongoServer(new MemoryBackend());
		java.net.InetSocketAddress a = MONGO.bind();
		MONGO_URI = "mongodb://" + a.getHostString() + ":" + a.getPort() + "/crmbot_wecom_test";
	}

	private TestEnv() {
	}

}
