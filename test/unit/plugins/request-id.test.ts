import type { GatewayContext } from '../../../gateway/context';
import { requestIdPlugin } from '../../../gateway/plugins/request-id';

describe('requestIdPlugin', () => {
  it('tells the client the request id of a masked error, and only of masked errors', async () => {
    const contextValue = { requestId: 'req-12345678' } as GatewayContext;
    const hooks = await requestIdPlugin().requestDidStart!({ contextValue } as never);
    const errors = [
      { message: 'Unexpected error.', extensions: { code: 'INTERNAL_SERVER_ERROR' } },
      { message: 'Denied.', extensions: { code: 'FORBIDDEN' } },
    ];
    await hooks!.willSendResponse!({
      response: { body: { kind: 'single', singleResult: { errors } } },
    } as never);
    expect(errors).toEqual([
      {
        message: 'Unexpected error.',
        extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: 'req-12345678' },
      },
      { message: 'Denied.', extensions: { code: 'FORBIDDEN' } },
    ]);
  });
});
