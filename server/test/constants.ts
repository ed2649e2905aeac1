export const TEMPLATE = 'hongyun_test_template';
/** A fixed key for tests only; real deployments generate or configure their own. */
export const TEST_DATA_KEY = '00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff';
