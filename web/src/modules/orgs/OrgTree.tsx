import { Empty, type GetRef, Spin, Tag, Tree, type TreeDataNode } from 'antd';
import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Org } from '../../../../contracts/index.ts';
import { errorMessage } from '../../app/api.ts';
import { KIND_COLOR } from './kinds.ts';
import type { OrgTreeState } from './useOrgTree.ts';

function NodeTitle({ org }: { org: Org }) {
  const { t } = useTranslation();
  return (
    <span
      className="hy-tree-node"
      data-testid={`org-node-${org.id}`}
      data-org-name={org.name}
      title={org.name}
    >
      <span className="hy-tree-node-name">{org.shortName ?? org.name}</span>
      <Tag color={KIND_COLOR[org.kind]} className="hy-tree-kind">
        {t(`kind.${org.kind}`)}
      </Tag>
    </span>
  );
}

export function OrgTree({
  tree,
  selectedId,
  onSelect,
  height,
}: {
  tree: OrgTreeState;
  selectedId?: string;
  onSelect: (id: string) => void;
  height: number;
}) {
  const { t } = useTranslation();
  const ref = useRef<GetRef<typeof Tree>>(null);
  const { roots, kids, expanded, setExpanded, load } = tree;

  const data = useMemo(() => {
    const toNode = (org: Org): TreeDataNode => {
      const children = kids[org.id];
      return {
        key: org.id,
        title: <NodeTitle org={org} />,
        isLeaf: children ? children.length === 0 : org.childCount === 0,
        children: children?.map(toNode),
      };
    };
    return (roots.data ?? []).map(toNode);
  }, [roots.data, kids]);

  // Bring the selected org into view once the tree holds it (after a search or a deep link):
  // `data` is listed so this runs again when the ancestors' children arrive.
  // biome-ignore lint/correctness/useExhaustiveDependencies: see above
  useEffect(() => {
    if (!selectedId) return;
    const timer = setTimeout(() => ref.current?.scrollTo({ key: selectedId, align: 'auto' }), 50);
    return () => clearTimeout(timer);
  }, [selectedId, data]);

  if (roots.isPending) return <Spin className="hy-tree-spin" />;
  if (roots.isError) return <Empty description={errorMessage(roots.error)} />;
  if (roots.data && roots.data.length === 0) return <Empty description={t('orgs.noRoots')} />;

  return (
    <section data-testid="org-tree" aria-label={t('orgs.tree')}>
      <Tree
        ref={ref}
        treeData={data}
        height={height}
        blockNode
        showLine
        selectedKeys={selectedId ? [selectedId] : []}
        expandedKeys={expanded}
        loadedKeys={Object.keys(kids)}
        onExpand={(keys) => setExpanded(keys.map(String))}
        loadData={async (node) => {
          await load(String(node.key));
        }}
        onSelect={(keys, info) => {
          const key = String(info.node.key);
          // Opening an org also opens its branch of the tree: that is what one clicks it for.
          if (!info.node.isLeaf && !expanded.includes(key)) setExpanded([...expanded, key]);
          // Clicking the selected node again keeps it selected rather than clearing the panel.
          onSelect(keys.length > 0 ? String(keys[0]) : key);
        }}
      />
    </section>
  );
}
