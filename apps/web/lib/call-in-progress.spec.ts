import { isCallInProgress, setCallInProgress, subscribeCallInProgress } from './call-in-progress';

describe(setCallInProgress.name, () => {
  afterEach(() => setCallInProgress(false));

  it('tells its listeners when the page enters or leaves a call, once per change', () => {
    const heard: boolean[] = [];
    const unsubscribe = subscribeCallInProgress(() => heard.push(isCallInProgress()));
    setCallInProgress(true);
    setCallInProgress(true);
    setCallInProgress(false);
    unsubscribe();
    setCallInProgress(true);
    expect(heard).toEqual([true, false]);
  });
});
