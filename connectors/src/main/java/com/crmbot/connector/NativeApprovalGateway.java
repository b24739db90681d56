package com.crmbot.connector;

import java.util.List;
import java.util.Map;

/**
 * A platform's own approval app (DingTalk OA 审批), for approvals the bot opens there
 * instead of asking in chat. Implemented by a connector when its platform is enabled.
 */
public interface NativeApprovalGateway {

	Platform platform();

	/**
	 * Open an approval of the given process (template) for the originator, approved by
	 * each approver in turn, copied to {@code cc} when finished. Returns the instance id.
	 */
	String startApproval(String processCode, String originator, List<String> approvers, List<String> cc,
			Map<String, String> form) throws Exception;

	/** The instance's current state. */
	ApprovalState approvalState(String instanceId) throws Exception;

	/**
	 * A native approval's state.
	 *
	 * @param status RUNNING, COMPLETED, TERMINATED...
	 * @param result agree or refuse once completed
	 */
	record ApprovalState(String status, String result) {
	}

}
