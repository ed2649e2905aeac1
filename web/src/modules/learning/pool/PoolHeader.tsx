import { Button, Card, Flex, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { OrgSelect } from '../../orgs/OrgSelect.tsx';

/**
 * The head of a pool's list (师资库, 教育基地): title and hint, the org filter, the search box and,
 * for those who may, the add button. `kind` names the strings and test ids (pool.teachersTitle…).
 */
export function PoolHeader(props: {
  kind: 'teachers' | 'bases';
  orgId: string | undefined;
  onOrg: (id: string | undefined) => void;
  onSearch: (q: string) => void;
  onAdd: (() => void) | null;
}) {
  const { t } = useTranslation();
  const k = props.kind === 'teachers' ? { add: 'addTeacher', id: 'teacher' } : { add: 'addBase', id: 'base' };
  const searchKey = props.kind === 'teachers' ? 'searchTeachers' : 'searchBases';
  return (
    <>
      <div>
        <Typography.Title level={3} className="hy-page-title" style={{ marginBottom: 4 }}>
          {t(`pool.${props.kind}Title`)}
        </Typography.Title>
        <Typography.Text type="secondary">{t(`pool.${props.kind}Hint`)}</Typography.Text>
      </div>
      <Card size="small">
        <Flex gap={8} wrap justify="space-between">
          <Flex gap={8} wrap>
            <OrgSelect
              value={props.orgId}
              onChange={(id) => props.onOrg(id)}
              allowClear
              placeholder={t('pool.orgFilter')}
              aria-label={t('pool.orgFilter')}
              style={{ width: 300 }}
            />
            <Input.Search
              allowClear
              placeholder={t(`pool.${searchKey}`)}
              onSearch={(v) => props.onSearch(v.trim())}
              style={{ width: 260 }}
              data-testid={`${props.kind}-search`}
            />
          </Flex>
          {props.onAdd && (
            <Button type="primary" onClick={props.onAdd} data-testid={`${k.id}-create`}>
              {t(`pool.${k.add}`)}
            </Button>
          )}
        </Flex>
      </Card>
    </>
  );
}
