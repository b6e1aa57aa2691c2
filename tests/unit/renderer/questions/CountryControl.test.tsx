// @vitest-environment happy-dom
import { cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { COUNTRY_CODES } from '../../../../shared/domain/countries';
import { Question } from '../../../../renderer/src/screens/Question';
import { renderWithI18n } from '../render';
import { screenProps } from '../screen-props';
import { questionScreen } from './question-screen';

afterEach(cleanup);

const travelCountry = { id: 'travelCountry', kind: 'country' } as const;
const search = (text: string) => fireEvent.change(screen.getByTestId('country-search'), { target: { value: text } });
const radios = () => screen.getAllByRole('radio');

describe('country question', () => {
  it('lists every country and region the kiosk knows, with names in the resident language', () => {
    renderWithI18n(<Question {...screenProps(questionScreen(travelCountry))} />);
    expect(radios()).toHaveLength(COUNTRY_CODES.length);
    expect(screen.getByLabelText('加拿大')).toBeTruthy();
    // Hong Kong, Macao and Taiwan are named as regions of China.
    expect(screen.getByLabelText('中国香港')).toBeTruthy();
    expect(screen.getByLabelText('中国台湾')).toBeTruthy();
  });

  it('narrows the list as the resident types, in either language or by code, and sends the code chosen', () => {
    const props = screenProps(questionScreen(travelCountry), { lang: 'en' });
    renderWithI18n(<Question {...props} />, 'en');
    search('can');
    expect(radios().map((r) => (r as HTMLInputElement).value)).toEqual(['CA']);
    search('日本');
    expect(radios().map((r) => (r as HTMLInputElement).value)).toEqual(['JP']);
    fireEvent.click(screen.getByTestId('option-JP'));
    expect(screen.getByTestId('country-selected').textContent).toContain('Japan');
    fireEvent.click(screen.getByTestId('continue'));
    expect(props.send).toHaveBeenCalledWith({ type: 'ANSWER', questionId: 'travelCountry', value: { choice: 'JP' } });
  });

  it('says when nothing matches, and the choice made stays chosen', () => {
    renderWithI18n(<Question {...screenProps(questionScreen(travelCountry, { answer: { choice: 'DE' } }))} />);
    search('zzzz');
    expect(screen.queryAllByRole('radio')).toHaveLength(0);
    expect(screen.getByTestId('country-count').textContent).toContain('没有找到');
    expect(screen.getByTestId('country-selected').textContent).toContain('德国');
  });

  it('asks for a choice when none was made; the summary links to the search box', () => {
    renderWithI18n(<Question {...screenProps(questionScreen(travelCountry, { error: 'required' }))} />);
    const link = screen.getByTestId('error-summary').querySelector('a');
    expect(link?.textContent).toBe('请选择一个国家或地区后再继续');
    expect(link?.getAttribute('href')).toBe(`#${screen.getByTestId('country-search').id}`);
  });
});
