/**
 * The test fixtures shared by every module: the WeCom callback crypto written
 * independently of the production code, DingTalk's callback sign, one local HTTP stand-in
 * for every platform host (qyapi.weixin.qq.com, api/oapi.dingtalk.com, session webhooks)
 * and a clock tests move by hand. Published as the connectors module's test-jar (this
 * package only, see connectors/pom.xml); the bot depends on it with
 * {@code <type>test-jar</type>}. Nothing here is a Spring component.
 */
package com.crmbot.testsupport;
