import {
  isPreReviewOverdue,
  missingPreReviews,
  preReviewAnswerProblems,
  preReviewConclusionProblems,
  type PreReviewStatus,
} from './pre-review';

const request = (status: PreReviewStatus, name: string, topic = '用地') => ({
  status,
  unit: { id: 1, name },
  topic,
});

describe('各部门预审 rules', () => {
  it('asks for a text with 附条件同意 and 不同意, not with 同意', () => {
    expect(preReviewAnswerProblems('agree', null)).toEqual([]);
    expect(preReviewAnswerProblems('conditional', '  ')[0]).toMatchObject({
      field: 'text',
      zh: '附条件同意时，请写明条件',
    });
    expect(preReviewAnswerProblems('disagree', undefined)[0]).toMatchObject({
      field: 'text',
      zh: '不同意时，请写明理由',
    });
    expect(preReviewAnswerProblems('disagree', '不符合生态红线管控要求')).toEqual([]);
  });

  it('holds the conclusion while an opinion is missing, naming each unit once', () => {
    const requests = [
      request('answered', '市发展和改革委员会'),
      request('pending', '市自然资源局', '用地'),
      request('pending', '市自然资源局', '矿产'),
      request('withdrawn', '市水利局'),
      request('pending', '市生态环境局'),
    ];
    expect(missingPreReviews(requests)).toHaveLength(3);
    const [problem, ...rest] = preReviewConclusionProblems(requests, false);
    expect(rest).toEqual([]);
    expect(problem.field).toBe('preReviews');
    expect(problem.zh).toContain('市自然资源局、市生态环境局');
    expect(problem.zh).not.toContain('市水利局');
  });

  it('lets the conclusion through when every opinion arrived, none was asked, or the office overrode', () => {
    expect(
      preReviewConclusionProblems([request('answered', '市自然资源局'), request('withdrawn', '市水利局')], false),
    ).toEqual([]);
    expect(preReviewConclusionProblems([], false)).toEqual([]);
    expect(preReviewConclusionProblems([request('pending', '市自然资源局')], true)).toEqual([]);
  });

  it('counts a pending request overdue after its due date only', () => {
    expect(isPreReviewOverdue({ status: 'pending', dueOn: '2030-05-10' }, '2030-05-10')).toBe(false);
    expect(isPreReviewOverdue({ status: 'pending', dueOn: '2030-05-10' }, '2030-05-11')).toBe(true);
    expect(isPreReviewOverdue({ status: 'answered', dueOn: '2030-05-10' }, '2030-05-11')).toBe(false);
  });
});
