import type { IdentityCard } from '../../../shared/catalog/types';
import type { SimFace } from './sim-card-photos';

export interface SimResident {
  id: string;
  /** Shown in the simulator panel only. */
  label: string;
  /** Undefined: the card is damaged and cannot be read. */
  card?: IdentityCard;
  /** Whose portrait the card's photo is (sim-card-photos.ts); none: the reader gives no photo, as without a licensed decoder. */
  face?: SimFace;
}

/** Fictional residents for the ID card reader simulator. Numbers are valid, people are not real. */
export const SIM_RESIDENTS: readonly SimResident[] = [
  {
    id: 'zhang',
    label: '张伟明',
    face: 'collins',
    card: {
      name: '张伟明',
      sex: 'M',
      ethnicity: '01',
      birthDate: '1980-03-15',
      address: '北京市朝阳区示例路1号院2号楼301室',
      idNumber: '110105198003150012',
      authority: '北京市公安局朝阳分局',
      validFrom: '2015-03-01',
      validTo: '2035-03-01',
    },
  },
  {
    id: 'li',
    label: '李秀兰',
    face: 'hopper',
    card: {
      name: '李秀兰',
      sex: 'F',
      ethnicity: '01',
      birthDate: '1955-07-22',
      address: '上海市浦东新区虚构街88弄3号',
      idNumber: '310115195507220025',
      authority: '上海市公安局浦东分局',
      validFrom: '2010-05-10',
      validTo: 'permanent',
    },
  },
  {
    id: 'liu',
    label: '刘芳',
    card: {
      name: '刘芳',
      sex: 'F',
      ethnicity: '01',
      birthDate: '1968-02-03',
      address: '四川省成都市武侯区样例巷6号',
      idNumber: '51010719680203004X',
      authority: '成都市公安局武侯区分局',
      validFrom: '2010-06-30',
      validTo: '2030-06-30',
    },
  },
  {
    id: 'aili',
    label: '艾力·买买提',
    card: {
      name: '艾力·买买提',
      sex: 'M',
      ethnicity: '05',
      birthDate: '1999-09-30',
      address: '新疆乌鲁木齐市天山区演示路9号',
      idNumber: '650102199909300057',
      authority: '乌鲁木齐市公安局天山区分局',
      validFrom: '2019-10-01',
      validTo: '2029-10-01',
    },
  },
  {
    id: 'wang-expired',
    label: '王小龙（证件过期）',
    face: 'collins',
    card: {
      name: '王小龙',
      sex: 'M',
      ethnicity: '01',
      birthDate: '1992-11-08',
      address: '广东省深圳市宝安区测试大道200号',
      idNumber: '440306199211080037',
      authority: '深圳市公安局宝安分局',
      validFrom: '2012-01-01',
      validTo: '2022-01-01',
    },
  },
  {
    id: 'chen-child',
    label: '陈小雨（儿童）',
    card: {
      name: '陈小雨',
      sex: 'F',
      ethnicity: '01',
      birthDate: '2019-06-01',
      address: '北京市朝阳区示例路1号院2号楼301室',
      idNumber: '110105201906010023',
      authority: '北京市公安局朝阳分局',
      validFrom: '2024-06-01',
      validTo: '2029-06-01',
    },
  },
  { id: 'damaged', label: '损坏的证件' },
];
